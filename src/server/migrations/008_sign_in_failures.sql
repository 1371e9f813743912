-- Failed console sign-ins per account, for a slow-down that grows per account and
-- holds across every server process of a network (rate limits count per process).
-- Keyed by a SHA-256 of the lower-cased e-mail address: a mistyped stranger's
-- address is not kept readable. Rows are forgotten a day after the last failure.
CREATE TABLE sign_in_failures (
  account_key text PRIMARY KEY,
  failures integer NOT NULL,
  last_failed_at timestamptz NOT NULL,
  locked_until timestamptz
);
