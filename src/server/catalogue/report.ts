import type { CatalogueChange } from '../../shared/catalogue-import';
import type { ImportOutcome } from './import';
import { formatIssue } from './validate';

const ENTITY_WORD = { organization: 'organisation', location: 'location', item: 'item' } as const;
const LIST_AT_MOST = 50;

function changeLine(c: CatalogueChange): string {
  return `  ${ENTITY_WORD[c.entity]} ${c.name || '(no name)'} (${c.id})${c.fields?.length ? `: ${c.fields.join(', ')}` : ''}`;
}

function section(title: string, lines: string[]): string[] {
  if (!lines.length) return [];
  const shown = lines.slice(0, LIST_AT_MOST);
  return [title, ...shown, ...(lines.length > shown.length ? [`  … and ${lines.length - shown.length} more`] : [])];
}

/** The import's report as the CLI prints it: what changes (or would), what is not kept, what is kept but not shown, notes. */
export function reportLines(outcome: ImportOutcome): string[] {
  const { changes } = outcome;
  const count = (list: CatalogueChange[], entity: CatalogueChange['entity']) => list.filter((c) => c.entity === entity).length;
  const summary = (['item', 'organization', 'location'] as const)
    .map(
      (e) =>
        `${ENTITY_WORD[e]}s: ${count(changes.added, e)} new, ${count(changes.changed, e)} changed, ${count(changes.removed, e)} removed`,
    )
    .join('; ');
  return [
    `${summary}; ${changes.unchanged} unchanged.`,
    ...section('New:', changes.added.map(changeLine)),
    ...section('Changed:', changes.changed.map(changeLine)),
    ...section('Removed:', changes.removed.map(changeLine)),
    ...section(
      'Not kept (the file has it, Inloop cannot keep it):',
      outcome.notKept.map((n) => `  ${n.field}: ${n.count} (${n.reason})`),
    ),
    ...section(
      'Kept with the items for export, not shown in Inloop:',
      outcome.keptNotShown.map((k) => `  ${k.field}: ${k.count}`),
    ),
    ...section(
      'Notes:',
      outcome.notes.map((n) => `  ${formatIssue(n)}`),
    ),
  ];
}
