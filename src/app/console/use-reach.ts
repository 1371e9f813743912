import { useEffect, useState } from 'preact/hooks';
import { get, query } from './api';
import { localMidnight, quarterOf } from './period';

type Reach<E> = { from: string; to: string } & E;

/**
 * A report's reach: its period (this quarter to begin with) and what else it is narrowed to
 * (`extra`: a location, a municipality…; '' for all). `apply` makes the report form's submit
 * handler: it takes the period fields and what `read` takes from the form; `params` is the
 * reach as the API's query (local midnights, only what is chosen).
 */
export function useReach<E extends Record<string, string>>(extra: E) {
  const [reach, setReach] = useState<Reach<E>>(() => {
    const quarter = quarterOf(new Date());
    return { from: quarter.from, to: quarter.to, ...extra };
  });
  const apply =
    (read: (form: FormData) => Partial<E> = () => ({})) =>
    (e: Event) => {
      e.preventDefault();
      const form = new FormData(e.currentTarget as HTMLFormElement);
      setReach({ ...reach, from: String(form.get('from')), to: String(form.get('to')), ...read(form) });
    };
  return { reach, setReach, apply, params: reachParams(reach) };
}

/** A reach as the API's query string. */
export function reachParams({ from, to, ...rest }: Reach<Record<string, string>>): string {
  return query({ from: localMidnight(from), to: localMidnight(to), ...rest });
}

/**
 * A report's data from the API, again whenever the path changes (null: nothing to load). An
 * answer for an earlier path that arrives late never replaces the current one's.
 */
export function useReportData<T>(path: string | null): { data: T | null; error: string | null } {
  const [state, setState] = useState<{ data: T | null; error: string | null }>({ data: null, error: null });
  useEffect(() => {
    if (!path) {
      setState({ data: null, error: null });
      return;
    }
    let current = true;
    get<T>(path).then(
      (data) => current && setState({ data, error: null }),
      (err: Error) => current && setState((s) => ({ data: s.data, error: err.message })),
    );
    return () => {
      current = false;
    };
  }, [path]);
  return state;
}
