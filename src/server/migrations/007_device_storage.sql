-- What each tablet last reported about its storage, for the coordinator's device list.
ALTER TABLE devices ADD COLUMN storage_persisted boolean;
ALTER TABLE devices ADD COLUMN storage_used_bytes bigint;
ALTER TABLE devices ADD COLUMN storage_quota_bytes bigint;
