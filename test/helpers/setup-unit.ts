// Unit tests only: an in-memory IndexedDB so Dexie runs in Node. Browser tests use the real one.
import 'fake-indexeddb/auto';
