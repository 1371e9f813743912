-- The kiosk: help requests visitors send to the desk, course interest they leave,
-- and per-location kiosk settings (idle reset, the coordinator's exit code).

ALTER TABLE locations ADD COLUMN kiosk_idle_seconds integer NOT NULL DEFAULT 90 CHECK (kiosk_idle_seconds BETWEEN 10 AND 3600);
-- PBKDF2 hash (shared/kiosk.ts hashExitCode) of the code that leaves kiosk mode; pulled by kiosks.
ALTER TABLE locations ADD COLUMN kiosk_exit_code_hash text;

CREATE TABLE help_requests (
  id uuid PRIMARY KEY,
  location_id uuid NOT NULL REFERENCES locations(id),
  device_id uuid NOT NULL REFERENCES devices(id),
  topic text NOT NULL,
  -- How the desk calls the visitor: a first name or the number the kiosk showed (optional).
  display_kind text CHECK (display_kind IN ('name', 'number')),
  display text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'taken')),
  -- When the visitor asked (the kiosk's clock, never later than arrival).
  created_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  taken_at timestamptz,
  taken_by_device uuid REFERENCES devices(id)
);
CREATE INDEX help_requests_location_open ON help_requests (location_id, status, created_at);
CREATE INDEX help_requests_created ON help_requests (created_at);

-- Course interest: only what is needed to call or write back, deleted after the retention period.
CREATE TABLE course_interest (
  id uuid PRIMARY KEY,
  location_id uuid NOT NULL REFERENCES locations(id),
  device_id uuid NOT NULL REFERENCES devices(id),
  item_id uuid NOT NULL,
  first_name text NOT NULL,
  contact_kind text NOT NULL CHECK (contact_kind IN ('phone', 'email')),
  contact text NOT NULL,
  consent_text_version text NOT NULL,
  consent_language text NOT NULL,
  consented_at timestamptz NOT NULL,
  -- Retention counts from here: the consent, never later than arrival.
  created_at timestamptz NOT NULL
);
CREATE INDEX course_interest_created ON course_interest (created_at);
CREATE INDEX course_interest_location ON course_interest (location_id, created_at);
