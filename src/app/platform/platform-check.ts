/**
 * What the tablet app cannot do without. Browsers give service workers, WebCrypto and
 * (in practice) lasting storage only to a secure context: https://, or localhost on
 * the machine itself. On http://<name or address> they are silently absent, so the app
 * would enrol, look ready, and then hang at the PIN check and lose its offline mode.
 * Checked before anything else runs, and before an enrolment code is spent.
 */
export type PlatformProblem = 'insecureContext' | 'serviceWorker' | 'webCrypto' | 'indexedDb';

export interface PlatformFeatures {
  isSecureContext?: boolean;
  navigator?: Partial<Navigator>;
  crypto?: Partial<Crypto>;
  indexedDB?: unknown;
}

export function platformProblems(env: PlatformFeatures = globalThis as unknown as PlatformFeatures): PlatformProblem[] {
  const problems: PlatformProblem[] = [];
  if (env.isSecureContext !== true) problems.push('insecureContext');
  if (!env.navigator || !('serviceWorker' in env.navigator) || !env.navigator.serviceWorker) problems.push('serviceWorker');
  if (!env.crypto?.subtle) problems.push('webCrypto');
  if (!env.indexedDB) problems.push('indexedDb');
  return problems;
}
