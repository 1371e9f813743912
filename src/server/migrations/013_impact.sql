-- Impact: the municipalities a location serves, the visitor's municipality on a visit, and the
-- visitor survey (anonymous answers, linked at most to the visit they followed).

-- Set per location in the console; tablets pull them (GET /api/sync/location). CBS codes only.
CREATE TABLE location_municipalities (
  location_id uuid NOT NULL REFERENCES locations(id),
  code text NOT NULL CHECK (code ~ '^GM[0-9]{4}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  position integer NOT NULL,
  PRIMARY KEY (location_id, code)
);

-- The visitor's municipality as the desk recorded it (null: not asked). Generated from the
-- stored record, so every write of a visit (first push, desk correction) keeps it current.
ALTER TABLE visits ADD COLUMN municipality text GENERATED ALWAYS AS (payload->>'municipality') STORED;
CREATE INDEX visits_municipality_started ON visits (municipality, started_at);

-- The console's view of a visit gains the municipality (new columns go last in a view).
CREATE OR REPLACE VIEW reported_visits AS
  SELECT v.id, v.device_id, v.location_id, v.volunteer_id, v.started_at, v.voided_at, v.language, v.backdated,
         coalesce(c.duration_seconds, v.duration_seconds) AS duration_seconds,
         coalesce(c.channel, v.channel) AS channel,
         CASE WHEN c.visit_id IS NULL THEN v.returning_visitor ELSE c.returning_visitor END AS returning_visitor,
         CASE WHEN c.visit_id IS NULL THEN v.note ELSE c.note END AS note,
         c.visit_id IS NOT NULL AS corrected,
         v.municipality
    FROM visits v LEFT JOIN visit_corrected c ON c.visit_id = v.id;

-- A visitor's answers to the short survey. No name, contact or visitor id: nothing ties two
-- answers of one person together. visit_id: the visit it followed on a desk (no foreign key:
-- a survey is stored even when its visit was refused); null on a kiosk.
CREATE TABLE survey_responses (
  id uuid PRIMARY KEY,
  device_id uuid NOT NULL REFERENCES devices(id),
  location_id uuid NOT NULL REFERENCES locations(id),
  visit_id uuid,
  survey_version integer NOT NULL,
  language text NOT NULL,
  municipality text CHECK (municipality ~ '^GM[0-9]{4}$'),
  -- question id -> choice, as answered; skipped questions are absent.
  answers jsonb NOT NULL,
  comment text,
  answered_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  device_seq bigint NOT NULL,
  -- The record as the tablet sent it, to tell a harmless repeat from a changed record.
  payload jsonb NOT NULL
);
CREATE INDEX survey_responses_visit ON survey_responses (visit_id) WHERE visit_id IS NOT NULL;
CREATE INDEX survey_responses_location_answered ON survey_responses (location_id, answered_at);
