-- Referrals that close the loop without knowing the visitor (docs/referrals.md).
-- Every referral of a stored visit gets a row here (written with the visit, rewritten
-- with a correction); one with a code (tablets of this version make one) can be
-- confirmed by the partner through a partner link. Nothing here identifies a visitor.

CREATE TABLE referrals (
  visit_id uuid NOT NULL REFERENCES visits(id),
  question_position integer NOT NULL,
  referral_position integer NOT NULL,
  location_id uuid NOT NULL REFERENCES locations(id),
  -- The code on the visitor's card (8 of 32 characters, made on the tablet); null from older tablets.
  code text,
  topic text NOT NULL,
  -- The question's organisation (taxonomy), and where the visitor was sent.
  organisation text NOT NULL,
  target_kind text NOT NULL CHECK (target_kind IN ('catalogue', 'partner', 'text')),
  item_id uuid,
  -- The catalogue organisation offering the item: the partner whose link may confirm it.
  partner_id uuid,
  -- The item's name as the tablet knew it, the taxonomy organisation, or the volunteer's text.
  target_label text NOT NULL,
  mode text NOT NULL,
  language text,
  referred_at timestamptz NOT NULL,
  -- The follow-up appointment at the library (after any move), and what the desks marked.
  follow_up_at timestamptz,
  follow_up_state text NOT NULL DEFAULT 'open' CHECK (follow_up_state IN ('open', 'kept', 'missed', 'moved')),
  follow_up_marked_at timestamptz,
  -- The partner's last answer; open until then (reports count open past the configured weeks as no response).
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'arrived', 'helped', 'not_eligible', 'no_capacity', 'no_show')),
  status_at timestamptz,
  PRIMARY KEY (visit_id, question_position, referral_position)
);
CREATE INDEX referrals_code ON referrals (code) WHERE code IS NOT NULL;
CREATE INDEX referrals_location_referred ON referrals (location_id, referred_at);
CREATE INDEX referrals_follow_up ON referrals (location_id, follow_up_at) WHERE follow_up_at IS NOT NULL;

-- A partner organisation's link (per library organisation and partner): the secret is in
-- the link only, stored as its sha256 like device tokens; revocable.
CREATE TABLE partner_links (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  partner_id uuid NOT NULL,
  label text,
  secret_hash text NOT NULL UNIQUE,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  last_used_at timestamptz
);
CREATE INDEX partner_links_organisation ON partner_links (organisation_id);

-- Every answer a partner gave, in order: the referral's status history.
CREATE TABLE referral_status_history (
  id bigserial PRIMARY KEY,
  visit_id uuid NOT NULL,
  question_position integer NOT NULL,
  referral_position integer NOT NULL,
  status text NOT NULL CHECK (status IN ('arrived', 'helped', 'not_eligible', 'no_capacity', 'no_show')),
  partner_link_id uuid REFERENCES partner_links(id),
  at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (visit_id, question_position, referral_position) REFERENCES referrals (visit_id, question_position, referral_position) ON DELETE CASCADE
);
CREATE INDEX referral_status_history_referral ON referral_status_history (visit_id, question_position, referral_position);

-- followUp.mark@1: a desk marked a follow-up kept, missed or moved (the latest mark counts).
CREATE TABLE follow_up_marks (
  id uuid PRIMARY KEY,
  visit_id uuid NOT NULL,
  question_position integer NOT NULL,
  referral_position integer NOT NULL,
  device_id uuid NOT NULL REFERENCES devices(id),
  mark text NOT NULL CHECK (mark IN ('kept', 'missed', 'moved')),
  moved_to timestamptz,
  marked_at timestamptz NOT NULL,
  device_seq bigint NOT NULL,
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX follow_up_marks_referral ON follow_up_marks (visit_id, question_position, referral_position);

-- The referrals of visits stored before this migration (their tablets made no codes yet);
-- the same statement as writeReferralsOf in store/referrals.ts.
INSERT INTO referrals (visit_id, question_position, referral_position, location_id, code, topic, organisation, target_kind,
                       item_id, partner_id, target_label, mode, language, referred_at, follow_up_at)
SELECT v.id, q.position, (r.ordinality - 1)::int, v.location_id, r.value->>'code', q.topic, q.organisation, r.value->'target'->>'kind',
       (r.value->'target'->>'itemId')::uuid,
       (SELECT (c.data->>'organizationId')::uuid FROM catalogue_entities c WHERE c.entity = 'item' AND c.id = (r.value->'target'->>'itemId')::uuid),
       coalesce(r.value->'target'->>'label', r.value->'target'->>'organisation', r.value->'target'->>'text'),
       r.value->>'mode', v.language, v.started_at, (r.value->>'followUpAt')::timestamptz
  FROM visits v
  JOIN visit_questions q ON q.visit_id = v.id
 CROSS JOIN LATERAL jsonb_array_elements(q.referrals) WITH ORDINALITY AS r(value, ordinality)
ON CONFLICT DO NOTHING;
