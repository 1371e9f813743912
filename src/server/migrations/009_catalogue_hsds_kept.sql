-- HSDS fields and records an imported file held beyond what Inloop shows, per catalogue
-- entity, so the next export gives them back unchanged. Server only: tablets never pull it.
CREATE TABLE catalogue_hsds_kept (
  entity_id uuid PRIMARY KEY,
  entity text NOT NULL CHECK (entity IN ('organization', 'location', 'item')),
  kept jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
