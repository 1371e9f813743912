-- The public course and help finder (/aanbod): sign-ups from home go into the same
-- course_interest list as the kiosk's, without a device; each organisation's look and
-- the websites that may embed its pages.

ALTER TABLE course_interest ALTER COLUMN device_id DROP NOT NULL;
-- Where the interest was left: at a kiosk (device_id set) or on the public pages (no device).
ALTER TABLE course_interest ADD COLUMN channel text NOT NULL DEFAULT 'kiosk' CHECK (channel IN ('kiosk', 'web'));
ALTER TABLE course_interest ADD CONSTRAINT course_interest_kiosk_has_device CHECK (channel = 'web' OR device_id IS NOT NULL);
CREATE INDEX course_interest_web_item ON course_interest (item_id, created_at) WHERE channel = 'web';
-- One sign-up per contact and course from the public pages: a form sent twice is one sign-up.
CREATE UNIQUE INDEX course_interest_web_once ON course_interest (item_id, contact_kind, contact) WHERE channel = 'web';

CREATE TABLE finder_settings (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  -- #rrggbb; the page checks contrast before using them.
  colour text CHECK (colour ~ '^#[0-9a-f]{6}$'),
  logo bytea,
  logo_type text CHECK (logo_type IN ('image/png', 'image/jpeg', 'image/webp')),
  -- Origins (https://www.bibliotheek.nl) allowed to embed the pages in a frame.
  frame_ancestors text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now()
);
