-- The dashboard's figures kept as counts per location, local day and visitor's municipality
-- (issue 18), so a quarter or a national year sums days instead of visits. Exact at every
-- moment: triggers on every table a figure is counted from (visits, their questions, the
-- coordinator's corrections) append what a statement changed to visit_figure_deltas in the
-- same transaction; the dashboard reads visit_figure_counts plus the deltas not yet folded in;
-- figure_fold() (the server runs it every few seconds) moves deltas into the counts.
-- dim/key: slot (half hour of the local day, 0-47), channel, ret (returning/firstTime/unknown),
-- help_kind, organisation, topic, outcome (per question), referral (per referral; warm counted beside).
-- A TRUNCATE of visits is not seen: rebuild with figure_rebuild() after one.

CREATE TABLE visit_figure_counts (
  location_id uuid NOT NULL,
  day date NOT NULL,
  municipality text NOT NULL,
  dim text NOT NULL,
  key text NOT NULL,
  n bigint NOT NULL,
  warm bigint NOT NULL,
  PRIMARY KEY (location_id, day, municipality, dim, key)
);
CREATE INDEX visit_figure_counts_day ON visit_figure_counts (day);

-- Append-only (no key, no index): concurrent pushes never wait on each other here.
CREATE TABLE visit_figure_deltas (
  location_id uuid NOT NULL,
  day date NOT NULL,
  municipality text NOT NULL,
  dim text NOT NULL,
  key text NOT NULL,
  n bigint NOT NULL,
  warm bigint NOT NULL
);

-- A visit as the figures see it, and a coordinator's correction of its visit-level values.
CREATE TYPE figure_visit AS (id uuid, location_id uuid, started_at timestamptz, municipality text, channel text, returning_visitor boolean, voided boolean);
CREATE TYPE figure_correction AS (visit_id uuid, channel text, returning_visitor boolean);

CREATE FUNCTION figure_visit_keys(started_at timestamptz, channel text, returning_visitor boolean)
RETURNS TABLE (dim text, key text) LANGUAGE sql STABLE AS $$
  VALUES ('slot', ((extract(hour FROM started_at AT TIME ZONE 'Europe/Amsterdam') * 2 + floor(extract(minute FROM started_at AT TIME ZONE 'Europe/Amsterdam') / 30))::int)::text),
         ('channel', channel),
         ('ret', CASE WHEN returning_visitor THEN 'returning' WHEN NOT returning_visitor THEN 'firstTime' ELSE 'unknown' END)
$$;

-- A referral's key as the dashboard names it (a catalogue label always exists: the shared schema requires it).
CREATE FUNCTION figure_question_keys(help_kind text, organisation text, topic text, outcome text, referrals jsonb)
RETURNS TABLE (dim text, key text, warm int) LANGUAGE sql STABLE AS $$
  VALUES ('help_kind', help_kind, 0), ('organisation', organisation, 0), ('topic', topic, 0), ('outcome', outcome, 0)
  UNION ALL
  SELECT 'referral', coalesce(CASE r.value->'target'->>'kind' WHEN 'partner' THEN r.value->'target'->>'organisation'
                                   WHEN 'catalogue' THEN 'catalogue:' || (r.value->'target'->>'label') ELSE 'text' END, 'null'),
         CASE WHEN r.value->>'mode' = 'warm' THEN 1 ELSE 0 END
    FROM jsonb_array_elements(referrals) AS r(value)
$$;

-- Adds factor × what these visits count (their visit-level values as corrected by cs, where a
-- visit has a correction there, and, with_questions, their questions: the corrected ones if so,
-- else the desk's). New visits are counted without questions: any question of theirs is
-- inserted by a statement of its own (or a CTE of the same one) and counted by its own trigger.
CREATE FUNCTION figure_add(vs figure_visit[], cs figure_correction[], factor int, with_questions boolean DEFAULT true) RETURNS void LANGUAGE sql AS $$
  WITH vc AS (
    SELECT v.id, v.location_id, (v.started_at AT TIME ZONE 'Europe/Amsterdam')::date AS day, coalesce(v.municipality, 'not_asked') AS municipality, v.started_at,
           CASE WHEN c.visit_id IS NULL THEN v.channel ELSE c.channel END AS channel,
           CASE WHEN c.visit_id IS NULL THEN v.returning_visitor ELSE c.returning_visitor END AS returning_visitor,
           c.visit_id IS NOT NULL AS corrected
      FROM unnest(vs) v LEFT JOIN unnest(cs) c ON c.visit_id = v.id
     WHERE NOT v.voided)
  INSERT INTO visit_figure_deltas (location_id, day, municipality, dim, key, n, warm)
  SELECT location_id, day, municipality, dim, key, sum(n) * factor, sum(warm) * factor FROM (
    SELECT vc.location_id, vc.day, vc.municipality, k.dim, k.key, 1 AS n, 0 AS warm
      FROM vc CROSS JOIN LATERAL figure_visit_keys(vc.started_at, vc.channel, vc.returning_visitor) k
    UNION ALL
    SELECT vc.location_id, vc.day, vc.municipality, k.dim, k.key, 1, k.warm
      FROM vc CROSS JOIN LATERAL (
             SELECT q.help_kind, q.organisation, q.topic, q.outcome, q.referrals FROM visit_questions q WHERE q.visit_id = vc.id AND NOT vc.corrected AND with_questions
             UNION ALL
             SELECT q.help_kind, q.organisation, q.topic, q.outcome, q.referrals FROM visit_corrected_questions q WHERE q.visit_id = vc.id AND vc.corrected AND with_questions) q
      CROSS JOIN LATERAL figure_question_keys(q.help_kind, q.organisation, q.topic, q.outcome, q.referrals) k
  ) x GROUP BY 1, 2, 3, 4, 5
$$;

-- Adds factor × what these question rows count: the desk's (corrected = false) or a correction's, if their visit counts them.
CREATE FUNCTION figure_add_questions(ids uuid[], help_kinds text[], organisations text[], topics text[], outcomes text[], referrals jsonb[], corrected boolean, factor int)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO visit_figure_deltas (location_id, day, municipality, dim, key, n, warm)
  SELECT v.location_id, (v.started_at AT TIME ZONE 'Europe/Amsterdam')::date, coalesce(v.municipality, 'not_asked'), k.dim, k.key, count(*) * factor, sum(k.warm) * factor
    FROM unnest(ids, help_kinds, organisations, topics, outcomes, referrals) AS q(visit_id, help_kind, organisation, topic, outcome, referrals)
    JOIN visits v ON v.id = q.visit_id
    CROSS JOIN LATERAL figure_question_keys(q.help_kind, q.organisation, q.topic, q.outcome, q.referrals) k
   WHERE v.voided_at IS NULL AND EXISTS (SELECT 1 FROM visit_corrected c WHERE c.visit_id = v.id) = corrected
   GROUP BY 1, 2, 3, 4, 5
$$;

-- Whether an update changed anything a figure counts (a review state or a blanked note does not).
CREATE FUNCTION figure_counted_change(o visits, n visits) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT (o.location_id, o.started_at, o.municipality, o.voided_at IS NULL, o.channel, o.returning_visitor)
         IS DISTINCT FROM (n.location_id, n.started_at, n.municipality, n.voided_at IS NULL, n.channel, n.returning_visitor)
$$;

-- visits: a new visit adds its values; a change to anything counted (place, time, municipality,
-- void, channel, returning) takes the old values out and puts the new ones in; a deletion takes them out.
CREATE FUNCTION figure_visits_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM figure_add(ARRAY(SELECT ROW(n.id, n.location_id, n.started_at, n.municipality, n.channel, n.returning_visitor, n.voided_at IS NOT NULL)::figure_visit FROM new_rows n), NULL, 1, false);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM figure_add(ARRAY(SELECT ROW(o.id, o.location_id, o.started_at, o.municipality, o.channel, o.returning_visitor, o.voided_at IS NOT NULL)::figure_visit FROM old_rows o),
                       ARRAY(SELECT ROW(c.visit_id, c.channel, c.returning_visitor)::figure_correction FROM visit_corrected c JOIN old_rows o ON o.id = c.visit_id), -1);
  ELSE
    PERFORM figure_add(ARRAY(SELECT ROW(o.id, o.location_id, o.started_at, o.municipality, o.channel, o.returning_visitor, o.voided_at IS NOT NULL)::figure_visit
                               FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE figure_counted_change(o, n)),
                       ARRAY(SELECT ROW(c.visit_id, c.channel, c.returning_visitor)::figure_correction
                               FROM visit_corrected c JOIN old_rows o ON o.id = c.visit_id JOIN new_rows n ON n.id = o.id WHERE figure_counted_change(o, n)), -1);
    PERFORM figure_add(ARRAY(SELECT ROW(n.id, n.location_id, n.started_at, n.municipality, n.channel, n.returning_visitor, n.voided_at IS NOT NULL)::figure_visit
                               FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE figure_counted_change(o, n)),
                       ARRAY(SELECT ROW(c.visit_id, c.channel, c.returning_visitor)::figure_correction
                               FROM visit_corrected c JOIN old_rows o ON o.id = c.visit_id JOIN new_rows n ON n.id = o.id WHERE figure_counted_change(o, n)), 1);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER figure_visits_inserted AFTER INSERT ON visits REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_visits_changed();
CREATE TRIGGER figure_visits_updated AFTER UPDATE ON visits REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_visits_changed();
CREATE TRIGGER figure_visits_deleted AFTER DELETE ON visits REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_visits_changed();

-- The desk's questions (TG_ARGV[0] = false) and a correction's (true).
CREATE FUNCTION figure_questions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE corrected boolean := TG_ARGV[0]::boolean;
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM figure_add_questions(array_agg(o.visit_id), array_agg(o.help_kind), array_agg(o.organisation), array_agg(o.topic), array_agg(o.outcome), array_agg(o.referrals), corrected, -1) FROM old_rows o HAVING count(*) > 0;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM figure_add_questions(array_agg(n.visit_id), array_agg(n.help_kind), array_agg(n.organisation), array_agg(n.topic), array_agg(n.outcome), array_agg(n.referrals), corrected, 1) FROM new_rows n HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER figure_questions_inserted AFTER INSERT ON visit_questions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_questions_changed('false');
CREATE TRIGGER figure_questions_updated AFTER UPDATE ON visit_questions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_questions_changed('false');
CREATE TRIGGER figure_questions_deleted AFTER DELETE ON visit_questions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_questions_changed('false');
CREATE TRIGGER figure_corrected_questions_inserted AFTER INSERT ON visit_corrected_questions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_questions_changed('true');
CREATE TRIGGER figure_corrected_questions_updated AFTER UPDATE ON visit_corrected_questions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_questions_changed('true');
CREATE TRIGGER figure_corrected_questions_deleted AFTER DELETE ON visit_corrected_questions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_questions_changed('true');

-- A correction switches a visit from the desk's values and questions to the correction's
-- (its own questions follow in their own statements and triggers).
CREATE FUNCTION figure_corrections_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM figure_add(ARRAY(SELECT ROW(v.id, v.location_id, v.started_at, v.municipality, v.channel, v.returning_visitor, v.voided_at IS NOT NULL)::figure_visit FROM visits v JOIN old_rows o ON o.visit_id = v.id),
                       ARRAY(SELECT ROW(o.visit_id, o.channel, o.returning_visitor)::figure_correction FROM old_rows o), -1);
  ELSE
    PERFORM figure_add(ARRAY(SELECT ROW(v.id, v.location_id, v.started_at, v.municipality, v.channel, v.returning_visitor, v.voided_at IS NOT NULL)::figure_visit FROM visits v JOIN new_rows n ON n.visit_id = v.id), NULL, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM figure_add(ARRAY(SELECT ROW(v.id, v.location_id, v.started_at, v.municipality, v.channel, v.returning_visitor, v.voided_at IS NOT NULL)::figure_visit FROM visits v JOIN new_rows n ON n.visit_id = v.id),
                       ARRAY(SELECT ROW(n.visit_id, n.channel, n.returning_visitor)::figure_correction FROM new_rows n), 1);
  ELSE
    PERFORM figure_add(ARRAY(SELECT ROW(v.id, v.location_id, v.started_at, v.municipality, v.channel, v.returning_visitor, v.voided_at IS NOT NULL)::figure_visit FROM visits v JOIN old_rows o ON o.visit_id = v.id), NULL, 1);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER figure_corrections_inserted AFTER INSERT ON visit_corrected REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_corrections_changed();
CREATE TRIGGER figure_corrections_updated AFTER UPDATE ON visit_corrected REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_corrections_changed();
CREATE TRIGGER figure_corrections_deleted AFTER DELETE ON visit_corrected REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION figure_corrections_changed();

-- Moves the deltas committed so far into the counts; returns how many count rows it touched.
CREATE FUNCTION figure_fold() RETURNS bigint LANGUAGE sql AS $$
  WITH moved AS (DELETE FROM visit_figure_deltas RETURNING *),
       summed AS (SELECT location_id, day, municipality, dim, key, sum(n) AS n, sum(warm) AS warm FROM moved GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5),
       written AS (INSERT INTO visit_figure_counts AS c SELECT * FROM summed
                   ON CONFLICT (location_id, day, municipality, dim, key) DO UPDATE SET n = c.n + excluded.n, warm = c.warm + excluded.warm RETURNING 1)
  SELECT count(*) FROM written
$$;

-- Recounts everything from the rows (after a restore that bypassed the triggers), one location at a time.
CREATE FUNCTION figure_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE loc uuid;
BEGIN
  DELETE FROM visit_figure_deltas;
  DELETE FROM visit_figure_counts;
  FOR loc IN SELECT id FROM locations LOOP
    PERFORM figure_add(ARRAY(SELECT ROW(v.id, v.location_id, v.started_at, v.municipality, v.channel, v.returning_visitor, v.voided_at IS NOT NULL)::figure_visit FROM visits v WHERE v.location_id = loc),
                       ARRAY(SELECT ROW(c.visit_id, c.channel, c.returning_visitor)::figure_correction FROM visit_corrected c JOIN visits v ON v.id = c.visit_id WHERE v.location_id = loc), 1);
  END LOOP;
  PERFORM figure_fold();
END $$;

SELECT figure_rebuild();
