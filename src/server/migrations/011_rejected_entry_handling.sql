-- Rejected entries in the coordinator console: a coordinator looks at what a tablet sent that
-- the server refused (kept with personal data redacted), deals with it, and marks it handled.
ALTER TABLE rejected_entries ADD COLUMN handled_at timestamptz;
ALTER TABLE rejected_entries ADD COLUMN handled_by uuid REFERENCES users(id);
CREATE INDEX rejected_entries_open ON rejected_entries (device_id) WHERE handled_at IS NULL;
