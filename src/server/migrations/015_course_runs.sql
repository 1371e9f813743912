-- Course runs: a catalogue course given once, with its sessions; its participants (a first
-- name or a number, with consent, blanked after the retention period), attendance per
-- session, how each ended, and the self-assessments at the start and the end.

CREATE TABLE course_runs (
  id uuid PRIMARY KEY,
  location_id uuid NOT NULL REFERENCES locations(id),
  item_id uuid NOT NULL,
  -- The course's Dutch name and theme when the run was made: the catalogue may change later.
  title text NOT NULL,
  theme text NOT NULL,
  closed boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX course_runs_location ON course_runs (location_id);

CREATE TABLE course_sessions (
  id uuid PRIMARY KEY,
  run_id uuid NOT NULL REFERENCES course_runs(id) ON DELETE CASCADE,
  starts_at timestamptz NOT NULL
);
CREATE INDEX course_sessions_run ON course_sessions (run_id, starts_at);

CREATE TABLE course_participants (
  id uuid PRIMARY KEY,
  run_id uuid NOT NULL REFERENCES course_runs(id) ON DELETE CASCADE,
  -- 1, 2, 3, … per run: how the participant is shown once the name is gone.
  number integer NOT NULL,
  -- Personal data: null once retention blanked it (display_kind stays, for the counts).
  display_kind text NOT NULL CHECK (display_kind IN ('name', 'number')),
  display_value text,
  consent_text_version text NOT NULL,
  consent_language text NOT NULL,
  consented_at timestamptz NOT NULL,
  municipality text CHECK (municipality ~ '^GM[0-9]{4}$'),
  from_interest boolean NOT NULL DEFAULT false,
  outcome text CHECK (outcome IN ('finished', 'stopped')),
  stop_reason text,
  ended_at timestamptz,
  -- null: added in the console.
  device_id uuid REFERENCES devices(id),
  -- The record as the tablet sent it (the name blanked with display_value), to tell a repeat from a changed record.
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (run_id, number)
);

-- One row per participant and session: the latest tap counts.
CREATE TABLE course_attendance (
  participant_id uuid NOT NULL REFERENCES course_participants(id) ON DELETE CASCADE,
  session_id uuid NOT NULL REFERENCES course_sessions(id) ON DELETE CASCADE,
  present boolean NOT NULL,
  marked_at timestamptz NOT NULL,
  PRIMARY KEY (participant_id, session_id)
);

-- One self-assessment per participant and moment; scores 1-5 per statement id.
CREATE TABLE course_assessments (
  id uuid PRIMARY KEY,
  participant_id uuid NOT NULL REFERENCES course_participants(id) ON DELETE CASCADE,
  moment text NOT NULL CHECK (moment IN ('start', 'end')),
  assessment_version integer NOT NULL,
  theme text NOT NULL,
  language text NOT NULL,
  answers jsonb NOT NULL,
  answered_at timestamptz NOT NULL,
  payload jsonb NOT NULL,
  UNIQUE (participant_id, moment)
);
