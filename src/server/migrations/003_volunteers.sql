-- Volunteers who sign in on a location's desk tablet with a PIN, checked offline on the tablet.
-- Kept small on purpose: a short display name ("Anna B."), no contact details.
-- The PIN is stored only as a salted PBKDF2-SHA256 hash; the iterations travel with it,
-- so the default can be raised later without breaking existing PINs.

CREATE TABLE volunteers (
  id uuid PRIMARY KEY,
  location_id uuid NOT NULL REFERENCES locations(id),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 40),
  pin_algorithm text NOT NULL CHECK (pin_algorithm = 'pbkdf2-sha256'),
  pin_iterations integer NOT NULL CHECK (pin_iterations >= 1000),
  pin_salt text NOT NULL,
  pin_hash text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX volunteers_location ON volunteers (location_id) WHERE active;
