/**
 * A retention period from the environment: a whole number of days or hours from 1 to max,
 * the fallback when unset. A bad value stops start-up with a message naming the variable,
 * rather than silently keeping personal data longer or shorter than meant.
 */
export function periodFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number, unit: 'days' | 'hours'): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new Error(`${name} must be a whole number of ${unit} from 1 to ${max}, got "${raw}"`);
  return value;
}
