-- The spine: organisations, locations, devices, synced visits, and the sync bookkeeping.

CREATE TABLE organisations (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE locations (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  name text NOT NULL,
  city text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX locations_organisation ON locations (organisation_id);

CREATE TABLE devices (
  id uuid PRIMARY KEY,
  location_id uuid NOT NULL REFERENCES locations(id),
  kind text NOT NULL CHECK (kind IN ('desk', 'kiosk')),
  name text,
  -- sha256 of the bearer token; the token itself is never stored.
  token_hash text NOT NULL UNIQUE,
  -- Highest per-device sequence number applied: the heart of exactly-once push.
  last_seq bigint NOT NULL DEFAULT 0,
  pending_reported integer,
  app_version text,
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX devices_location ON devices (location_id);

CREATE TABLE enrolment_codes (
  code_hash text PRIMARY KEY,
  location_id uuid NOT NULL REFERENCES locations(id),
  kind text NOT NULL CHECK (kind IN ('desk', 'kiosk')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  device_id uuid REFERENCES devices(id)
);

CREATE TABLE visits (
  id uuid PRIMARY KEY,
  device_id uuid NOT NULL REFERENCES devices(id),
  location_id uuid NOT NULL REFERENCES locations(id),
  volunteer_id uuid,
  started_at timestamptz NOT NULL,
  duration_seconds integer NOT NULL,
  channel text NOT NULL,
  returning_visitor boolean,
  language text,
  note text,
  backdated boolean NOT NULL DEFAULT false,
  device_seq bigint NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  -- The record as the device sent it, kept beside the normalised columns.
  payload jsonb NOT NULL
);
CREATE INDEX visits_location_started ON visits (location_id, started_at);
CREATE INDEX visits_device ON visits (device_id);

CREATE TABLE visit_questions (
  visit_id uuid NOT NULL REFERENCES visits(id),
  position integer NOT NULL,
  help_kind text NOT NULL,
  domain text NOT NULL,
  organisation text NOT NULL,
  topic text NOT NULL,
  actions text[] NOT NULL,
  outcome text NOT NULL,
  referrals jsonb NOT NULL,
  PRIMARY KEY (visit_id, position)
);

-- Entries that failed validation: kept with their reason, never silently dropped.
CREATE TABLE rejected_entries (
  id bigserial PRIMARY KEY,
  device_id uuid NOT NULL REFERENCES devices(id),
  device_seq bigint NOT NULL,
  record_id uuid NOT NULL,
  change_type text NOT NULL,
  payload jsonb,
  reason text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (device_id, device_seq)
);

-- One row: the version counter that orders server-side changes in commit order.
-- Every transaction that changes pulled data first bumps it, which takes the row
-- lock, so versions are handed out in the order transactions commit.
-- horizon: tombstones at or below it may be purged; older cursors get a reset.
CREATE TABLE sync_state (
  id integer PRIMARY KEY CHECK (id = 1),
  version bigint NOT NULL,
  horizon bigint NOT NULL
);
INSERT INTO sync_state (id, version, horizon) VALUES (1, 0, 0);

-- The catalogue as versioned documents (organisations, locations, items), validated
-- by the shared schemas. deleted = a tombstone that tablets pull like any change.
CREATE TABLE catalogue_entities (
  entity text NOT NULL CHECK (entity IN ('organization', 'location', 'item')),
  id uuid PRIMARY KEY,
  version bigint NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  data jsonb,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX catalogue_entities_version ON catalogue_entities (version, id);
