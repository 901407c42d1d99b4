-- Issue 12: which generator-bound rules fired on a step, each with the figures it fired on
-- ([{"rule": "agent-half-machine", "detail": "agent a-1 used 59 % of its 2 cores ..."}]; generator_bound and
-- generator_reason stay, as the rules' summary), and whether the step was under-loaded: a closed model with fewer
-- users than the target has workers, the scenario's choice rather than a generator fault.
ALTER TABLE steps ADD COLUMN generator_rules     jsonb   NOT NULL DEFAULT '[]';
ALTER TABLE steps ADD COLUMN under_loaded        boolean NOT NULL DEFAULT false;
ALTER TABLE steps ADD COLUMN under_loaded_reason text;
