-- The dashboard's counts per whole local month as well as per day (issue 18): a national year
-- read from the days of 016 sums some 80 rows per branch and day; from months it sums a few
-- hundred per branch and month. Kept by figure_fold() in the same statement that folds the
-- deltas into the days, so days and months always agree; the dashboard reads the months a
-- period covers whole, the days at its edges, and maps the deltas not yet folded itself.
-- dim/key per month: day (key: the local date; the visits of that day), busy (key: ISO weekday
-- ':' half-hour slot), and the other dims of 016 with their keys (channel, ret, help_kind,
-- organisation, topic, outcome, referral).

CREATE TABLE visit_figure_months (
  location_id uuid NOT NULL,
  month date NOT NULL,
  municipality text NOT NULL,
  dim text NOT NULL,
  key text NOT NULL,
  n bigint NOT NULL,
  warm bigint NOT NULL,
  PRIMARY KEY (location_id, month, municipality, dim, key)
);
CREATE INDEX visit_figure_months_month ON visit_figure_months (month);

-- The whole network's counts (every location and municipality summed), for the views that
-- narrow to neither: a national year reads a few thousand rows however many branches there are.
-- The dims of the day and month counts, plus location (key: the location's id) and municipality
-- (key: its code or not_asked), each counting the visits there.
CREATE TABLE visit_figure_network_days (
  day date NOT NULL,
  dim text NOT NULL,
  key text NOT NULL,
  n bigint NOT NULL,
  warm bigint NOT NULL,
  PRIMARY KEY (day, dim, key)
);
CREATE TABLE visit_figure_network_months (
  month date NOT NULL,
  dim text NOT NULL,
  key text NOT NULL,
  n bigint NOT NULL,
  warm bigint NOT NULL,
  PRIMARY KEY (month, dim, key)
);

-- A count row of a location and municipality as network rows: itself, and a visit's ret row also as its location and municipality.
CREATE FUNCTION figure_network_keys(of_location uuid, of_municipality text, of_dim text, of_key text)
RETURNS TABLE (dim text, key text) LANGUAGE sql IMMUTABLE AS $$
  SELECT of_dim, of_key
  UNION ALL
  SELECT 'location', of_location::text WHERE of_dim = 'ret'
  UNION ALL
  SELECT 'municipality', of_municipality WHERE of_dim = 'ret'
$$;

-- The month rows a day's count adds to: a slot row counts the day's visits once (dim day) and its weekday's slot (busy).
CREATE FUNCTION figure_month_keys(of_day date, of_dim text, of_key text)
RETURNS TABLE (dim text, key text) LANGUAGE sql IMMUTABLE AS $$
  SELECT 'busy', extract(isodow FROM of_day)::int || ':' || of_key WHERE of_dim = 'slot'
  UNION ALL
  SELECT 'day', to_char(of_day::timestamp, 'YYYY-MM-DD') WHERE of_dim = 'slot'
  UNION ALL
  SELECT of_dim, of_key WHERE of_dim <> 'slot'
$$;

CREATE FUNCTION figure_month(of_day date) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT date_trunc('month', of_day::timestamp)::date
$$;

-- Moves the deltas committed so far into the day and month counts; returns how many day count rows it touched
-- (the *_written parts run to completion though unread: PostgreSQL runs every data-modifying CTE).
CREATE OR REPLACE FUNCTION figure_fold() RETURNS bigint LANGUAGE sql AS $$
  WITH moved AS (DELETE FROM visit_figure_deltas RETURNING *),
       summed AS (SELECT location_id, day, municipality, dim, key, sum(n) AS n, sum(warm) AS warm FROM moved GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5),
       written AS (INSERT INTO visit_figure_counts AS c SELECT * FROM summed
                   ON CONFLICT (location_id, day, municipality, dim, key) DO UPDATE SET n = c.n + excluded.n, warm = c.warm + excluded.warm RETURNING 1),
       monthly AS (SELECT s.location_id, figure_month(s.day) AS month, s.municipality, k.dim, k.key, sum(s.n) AS n, sum(s.warm) AS warm
                     FROM summed s CROSS JOIN LATERAL figure_month_keys(s.day, s.dim, s.key) k GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5),
       months_written AS (INSERT INTO visit_figure_months AS c SELECT * FROM monthly
                          ON CONFLICT (location_id, month, municipality, dim, key) DO UPDATE SET n = c.n + excluded.n, warm = c.warm + excluded.warm),
       network_daily AS (SELECT s.day, k.dim, k.key, sum(s.n) AS n, sum(s.warm) AS warm
                           FROM summed s CROSS JOIN LATERAL figure_network_keys(s.location_id, s.municipality, s.dim, s.key) k GROUP BY 1, 2, 3 ORDER BY 1, 2, 3),
       network_days_written AS (INSERT INTO visit_figure_network_days AS c SELECT * FROM network_daily
                                ON CONFLICT (day, dim, key) DO UPDATE SET n = c.n + excluded.n, warm = c.warm + excluded.warm),
       network_monthly AS (SELECT figure_month(d.day) AS month, m.dim, m.key, sum(d.n) AS n, sum(d.warm) AS warm
                             FROM network_daily d CROSS JOIN LATERAL figure_month_keys(d.day, d.dim, d.key) m GROUP BY 1, 2, 3 ORDER BY 1, 2, 3),
       network_months_written AS (INSERT INTO visit_figure_network_months AS c SELECT * FROM network_monthly
                                  ON CONFLICT (month, dim, key) DO UPDATE SET n = c.n + excluded.n, warm = c.warm + excluded.warm)
  SELECT count(*) FROM written
$$;

-- Recounts everything from the rows (after a restore that bypassed the triggers), one location at a time.
CREATE OR REPLACE FUNCTION figure_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE loc uuid;
BEGIN
  DELETE FROM visit_figure_deltas;
  DELETE FROM visit_figure_counts;
  DELETE FROM visit_figure_months;
  DELETE FROM visit_figure_network_days;
  DELETE FROM visit_figure_network_months;
  FOR loc IN SELECT id FROM locations LOOP
    PERFORM figure_add(ARRAY(SELECT ROW(v.id, v.location_id, v.started_at, v.municipality, v.channel, v.returning_visitor, v.voided_at IS NOT NULL)::figure_visit FROM visits v WHERE v.location_id = loc),
                       ARRAY(SELECT ROW(c.visit_id, c.channel, c.returning_visitor)::figure_correction FROM visit_corrected c JOIN visits v ON v.id = c.visit_id WHERE v.location_id = loc), 1);
  END LOOP;
  PERFORM figure_fold();
END $$;

-- The months of what 016 has folded so far (its pending deltas follow with the next fold).
INSERT INTO visit_figure_months (location_id, month, municipality, dim, key, n, warm)
SELECT c.location_id, figure_month(c.day), c.municipality, k.dim, k.key, sum(c.n), sum(c.warm)
  FROM visit_figure_counts c CROSS JOIN LATERAL figure_month_keys(c.day, c.dim, c.key) k
 GROUP BY 1, 2, 3, 4, 5;

INSERT INTO visit_figure_network_days (day, dim, key, n, warm)
SELECT c.day, k.dim, k.key, sum(c.n), sum(c.warm)
  FROM visit_figure_counts c CROSS JOIN LATERAL figure_network_keys(c.location_id, c.municipality, c.dim, c.key) k
 GROUP BY 1, 2, 3;

INSERT INTO visit_figure_network_months (month, dim, key, n, warm)
SELECT figure_month(d.day), m.dim, m.key, sum(d.n), sum(d.warm)
  FROM visit_figure_network_days d CROSS JOIN LATERAL figure_month_keys(d.day, d.dim, d.key) m
 GROUP BY 1, 2, 3;
