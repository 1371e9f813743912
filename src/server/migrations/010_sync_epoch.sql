-- The identity of the database's history, carried in every pull cursor. A restore from a
-- backup takes the database back in time: versions are handed out again, for other changes,
-- so a cursor from before the restore would point into a history that no longer exists.
-- The epoch is made here, when the database is created, and renewed by every restore
-- (src/server/store/sync-epoch.ts); a cursor of another epoch gets a reset.
-- epoch_identity: where this database lives (cluster, database, table), as last seen; when a
-- hand-made pg_restore moves the data elsewhere, the server notices at start and renews the epoch.
ALTER TABLE sync_state ADD COLUMN epoch text;
ALTER TABLE sync_state ADD COLUMN epoch_identity text;
UPDATE sync_state SET epoch = substr(md5(gen_random_uuid()::text), 1, 16);
ALTER TABLE sync_state ALTER COLUMN epoch SET NOT NULL;
