/**
 * The largest catalogue file the console imports from the browser, in bytes (UTF-8); the
 * browser checks it before sending, the server again. As exported, HSDS JSON takes about
 * 3.9 kB an item and CSV about 0.75 kB, so this fits an HSDS file of about 5,000 items and
 * a CSV of about 26,000. Larger files go through the CLI, which reads them on the server
 * and has no cap.
 */
export const CATALOGUE_IMPORT_MAX_BYTES = 20_000_000;

export const CATALOGUE_IMPORT_CLI = 'npm run inloop -- catalogue:import';
