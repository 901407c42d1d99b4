-- Issue 14: what a finished run says about its target, apart from its status (whether it ran): passed, failed or
-- inconclusive, judged from its steps when it ends and kept for listings and filters (GET /api/v1/runs?verdict=...).
-- The run's own view judges again from the stored steps, with the reasons. Null while queued or running, and for runs
-- that ended before this column existed.
ALTER TABLE runs ADD COLUMN verdict text CHECK (verdict IN ('passed', 'failed', 'inconclusive'));
CREATE INDEX runs_verdict ON runs (verdict) WHERE verdict IS NOT NULL;
