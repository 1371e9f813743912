// Unit tests only: an in-memory IndexedDB so Dexie runs in Node. Browser tests use the real one.
import 'fake-indexeddb/auto';

// Component tests wait for what a person would see. On a 2-core CI machine running every test
// file at once, a render can take longer than Testing Library's default 1 s: wait up to 10 s.
import { configure } from '@testing-library/preact';
configure({ asyncUtilTimeout: 10_000 });
