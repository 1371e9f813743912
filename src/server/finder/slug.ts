/** A readable address part: "Wijkbibliotheek Noord (demo)" → "wijkbibliotheek-noord-demo". */
export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/ĳ/g, 'ij')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' en ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'x';
}

/**
 * Slugs for many things at once, each unique: the first (by id, so the same catalogue
 * always gives the same addresses) keeps the plain slug, later ones get a piece of their id.
 */
export function uniqueSlugs<T extends { id: string }>(
  things: T[],
  nameOf: (t: T) => string,
  reserved: readonly string[] = [],
): Map<string, string> {
  const taken = new Set(reserved);
  const out = new Map<string, string>();
  for (const thing of [...things].sort((a, b) => a.id.localeCompare(b.id))) {
    let slug = slugify(nameOf(thing));
    if (taken.has(slug)) slug = `${slug}-${thing.id.replace(/-/g, '').slice(-6)}`;
    taken.add(slug);
    out.set(thing.id, slug);
  }
  return out;
}
