-- Issue 6: the max-throughput search. A search step runs several open-model probes at changing rates; every message
-- and stored agent result carries the probe number (0 for a plain step), so a probe's late result is never taken for
-- the next probe's and each agent result is still stored exactly once.
ALTER TABLE step_agent_results ADD COLUMN probe integer NOT NULL DEFAULT 0 CHECK (probe >= 0);
ALTER TABLE step_agent_results DROP CONSTRAINT step_agent_results_pkey;
ALTER TABLE step_agent_results ADD PRIMARY KEY (run_id, step_index, probe, agent_id);

ALTER TABLE step_intervals ADD COLUMN probe integer NOT NULL DEFAULT 0 CHECK (probe >= 0);
ALTER TABLE step_intervals DROP CONSTRAINT step_intervals_pkey;
ALTER TABLE step_intervals ADD PRIMARY KEY (run_id, step_index, probe, second);

-- One row per probe, stored as soon as the probe ends (before the step's own row exists, hence the run reference).
-- rate_rps is what was offered; throughput_rps what was served in the measured window; p50/p99 from the merged
-- histogram (ms); passed and reasons say how it was judged against the scenario's SLO.
CREATE TABLE step_probes (
    run_id           uuid             NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step_index       integer          NOT NULL,
    probe            integer          NOT NULL CHECK (probe >= 1),
    rate_rps         double precision NOT NULL,
    requests         bigint           NOT NULL,
    errors           bigint           NOT NULL,
    error_rate       double precision NOT NULL,
    throughput_rps   double precision NOT NULL,
    p50_ms           bigint           NOT NULL,
    p99_ms           bigint           NOT NULL,
    target_cpu_cores double precision,
    generator_bound  boolean          NOT NULL,
    passed           boolean          NOT NULL,
    reasons          jsonb            NOT NULL,
    PRIMARY KEY (run_id, step_index, probe)
);

-- A search step's own figures are its knee probe's; these say what the search found and how it ended.
ALTER TABLE steps
    ADD COLUMN knee_rate_rps double precision,
    ADD COLUMN knee_probe    integer,
    ADD COLUMN search_note   text,
    ADD COLUMN slo           jsonb;
