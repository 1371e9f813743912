-- Corrections and voids of visits after they synced, and catch-up tallies from paper sheets.
-- A correction never overwrites silently: every earlier version is kept in visit_revisions,
-- and a correction based on an outdated version is kept beside the record as a conflict.

ALTER TABLE visits ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE visits ADD COLUMN voided_at timestamptz;
ALTER TABLE visits ADD COLUMN void_reason text;

-- Every earlier version of a visit, as it was before a correction or void replaced it.
CREATE TABLE visit_revisions (
  visit_id uuid NOT NULL REFERENCES visits(id),
  version integer NOT NULL,
  payload jsonb NOT NULL,
  voided_at timestamptz,
  void_reason text,
  -- The device and sequence number of the change that replaced this version.
  replaced_by_device uuid NOT NULL REFERENCES devices(id),
  replaced_by_seq bigint NOT NULL,
  replaced_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (visit_id, version)
);

-- A correction or void that was based on an older version than the stored one:
-- both are kept, the coordinator decides.
CREATE TABLE visit_conflicts (
  id bigserial PRIMARY KEY,
  visit_id uuid NOT NULL REFERENCES visits(id),
  device_id uuid NOT NULL REFERENCES devices(id),
  device_seq bigint NOT NULL,
  change_type text NOT NULL,
  base_version integer NOT NULL,
  current_version integer NOT NULL,
  proposed jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  UNIQUE (device_id, device_seq)
);
CREATE INDEX visit_conflicts_open ON visit_conflicts (visit_id) WHERE resolved_at IS NULL;

-- What reports count: voided visits leave a tombstone but are never counted.
CREATE VIEW counted_visits AS
  SELECT * FROM visits WHERE voided_at IS NULL;

-- Catch-up tallies: counts per category for a day part, entered from a paper sheet after an outage.
CREATE TABLE tallies (
  id uuid PRIMARY KEY,
  device_id uuid NOT NULL REFERENCES devices(id),
  location_id uuid NOT NULL REFERENCES locations(id),
  volunteer_id uuid,
  tally_date date NOT NULL,
  day_part text NOT NULL CHECK (day_part IN ('morning', 'afternoon', 'evening')),
  dimension text NOT NULL CHECK (dimension IN ('help_kind', 'outcome')),
  note text,
  device_seq bigint NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  payload jsonb NOT NULL
);
CREATE INDEX tallies_location_date ON tallies (location_id, tally_date);

CREATE TABLE tally_counts (
  tally_id uuid NOT NULL REFERENCES tallies(id),
  topic text NOT NULL,
  value text NOT NULL,
  count integer NOT NULL CHECK (count BETWEEN 0 AND 500),
  PRIMARY KEY (tally_id, topic, value)
);
