import type { Visit, VisitInput } from '../../shared/visit';
import { whenIdle } from '../shell/when-idle';

/**
 * Every visit is checked with the shared schema before it is saved, as the server checks
 * it. The schema (and zod) is not part of the desk's first load: it is fetched when the
 * tablet is idle after start, so the first save does not wait for it, or on the spot if a
 * save comes first. The service worker precaches it, so offline too.
 */
type VisitSchemas = typeof import('../../shared/visit');
let schemas: Promise<VisitSchemas> | undefined;
let loaded: VisitSchemas | undefined;

function loadVisitSchemas(): Promise<VisitSchemas> {
  schemas ??= import('../../shared/visit').then(
    (m) => (loaded = m),
    (err: unknown) => {
      schemas = undefined; // a failed fetch is tried again with the next save
      throw err;
    },
  );
  return schemas;
}

/**
 * The visit as the schema makes it (defaults filled in); throws zod's error when it is refused.
 * Synchronous once the schema is there, so that a save's transaction starts before the form
 * re-renders (a promise only while the schema is still being fetched).
 */
export function parseVisit(input: VisitInput): Visit | Promise<Visit> {
  return loaded ? loaded.visitSchema.parse(input) : loadVisitSchemas().then((m) => m.visitSchema.parse(input));
}

/** Called once, when the desk's screens load behind the sign-in: fetches the schema as soon as the browser is idle. */
export function preloadVisitSchema(): void {
  whenIdle(() => void loadVisitSchemas().catch(() => undefined), 0);
}

/**
 * The problems of a record the shared schema refused, or undefined for any other error.
 * zod's error is told by its name, so the form need not load zod to recognise it.
 */
export function validationProblems(err: unknown): string[] | undefined {
  if (!(err instanceof Error) || err.name !== '$ZodError') return undefined;
  return (err as Error & { issues: Array<{ message: string }> }).issues.map((i) => i.message);
}
