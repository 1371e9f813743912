// Unit tests only: an in-memory IndexedDB so Dexie runs in Node. Browser tests use the real one.
import 'fake-indexeddb/auto';

// Component tests wait for what a person would see. On a 2-core CI machine running every test
// file at once, a render can take longer than Testing Library's default 1 s. fake-indexeddb is
// pure JavaScript, so a query over a few hundred rows took over 10 s with the cores oversubscribed:
// wait up to 25 s (the unit tests' own timeout is 60 s).
import { configure } from '@testing-library/preact';
configure({ asyncUtilTimeout: 25_000 });
