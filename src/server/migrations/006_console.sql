-- The coordinator console: accounts, sessions, reviews and corrections of synced visits, and the audit log.
-- Passwords are stored only as scrypt hashes with a per-user salt; the parameters travel with the hash.

CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  -- scrypt$N$r$p$salt$hash (base64); null until the user set a password through a one-time link.
  password_hash text,
  role text NOT NULL CHECK (role IN ('coordinator', 'admin')),
  organisation_id uuid REFERENCES organisations(id),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- A coordinator belongs to one organisation; a network administrator to none (all of them).
  CHECK ((role = 'admin' AND organisation_id IS NULL) OR (role = 'coordinator' AND organisation_id IS NOT NULL))
);

-- id = sha256 of the random token in the cookie; the token itself is never stored.
CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id) WHERE revoked_at IS NULL;

CREATE TABLE password_resets (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- The review state of a visit after ODK Central's model; the history is in visit_reviews.
ALTER TABLE visits ADD COLUMN review_state text NOT NULL DEFAULT 'received' CHECK (review_state IN ('received', 'has_issues', 'edited', 'approved', 'rejected'));

CREATE TABLE visit_reviews (
  id bigserial PRIMARY KEY,
  visit_id uuid NOT NULL REFERENCES visits(id),
  state text NOT NULL CHECK (state IN ('received', 'has_issues', 'edited', 'approved', 'rejected')),
  comment text,
  user_id uuid NOT NULL REFERENCES users(id),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX visit_reviews_visit ON visit_reviews (visit_id, id);

-- A coordinator's correction, kept beside the visit as recorded: visits.payload is never changed by the console.
CREATE TABLE visit_corrections (
  id bigserial PRIMARY KEY,
  visit_id uuid NOT NULL REFERENCES visits(id),
  based_on_version integer NOT NULL,
  payload jsonb NOT NULL,
  comment text,
  user_id uuid NOT NULL REFERENCES users(id),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX visit_corrections_visit ON visit_corrections (visit_id, id);

-- The latest correction of a visit as columns the console reads: what reports count.
-- A correction keeps the visit's time, device and location; it may change channel, duration,
-- returning, language, note and the questions.
CREATE TABLE visit_corrected (
  visit_id uuid PRIMARY KEY REFERENCES visits(id),
  correction_id bigint NOT NULL REFERENCES visit_corrections(id),
  duration_seconds integer NOT NULL,
  channel text NOT NULL,
  returning_visitor boolean,
  note text
);

CREATE TABLE visit_corrected_questions (
  visit_id uuid NOT NULL REFERENCES visit_corrected(visit_id),
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

-- Every visit as the console reports it: the desk's record, or its latest correction where there is one.
CREATE VIEW reported_visits AS
  SELECT v.id, v.device_id, v.location_id, v.volunteer_id, v.started_at, v.voided_at, v.language, v.backdated,
         coalesce(c.duration_seconds, v.duration_seconds) AS duration_seconds,
         coalesce(c.channel, v.channel) AS channel,
         CASE WHEN c.visit_id IS NULL THEN v.returning_visitor ELSE c.returning_visitor END AS returning_visitor,
         CASE WHEN c.visit_id IS NULL THEN v.note ELSE c.note END AS note,
         c.visit_id IS NOT NULL AS corrected
    FROM visits v LEFT JOIN visit_corrected c ON c.visit_id = v.id;

CREATE VIEW reported_questions AS
  SELECT q.visit_id, q.position, q.help_kind, q.domain, q.organisation, q.topic, q.actions, q.outcome, q.referrals
    FROM visit_questions q WHERE NOT EXISTS (SELECT 1 FROM visit_corrected c WHERE c.visit_id = q.visit_id)
  UNION ALL
  SELECT visit_id, position, help_kind, domain, organisation, topic, actions, outcome, referrals FROM visit_corrected_questions;

-- Who did what to which record, and when; never the contents of a visit.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id uuid REFERENCES users(id),
  organisation_id uuid,
  action text NOT NULL,
  target_type text,
  target_id text,
  details jsonb
);
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);

ALTER TABLE visit_conflicts ADD COLUMN resolution text;
ALTER TABLE visit_conflicts ADD COLUMN resolved_by uuid REFERENCES users(id);

-- The visit log pages newest first with a keyset on (started_at, id), within a location or across all.
CREATE INDEX visits_started_id ON visits (started_at DESC, id DESC);
CREATE INDEX visits_location_started_id ON visits (location_id, started_at DESC, id DESC);
CREATE INDEX visits_review_state ON visits (review_state, started_at DESC) WHERE review_state <> 'received';
CREATE INDEX visits_note_search ON visits USING gin (to_tsvector('dutch', coalesce(note, '')));
CREATE INDEX visit_questions_topic ON visit_questions (topic, visit_id);
CREATE INDEX visit_questions_organisation ON visit_questions (organisation, visit_id);
