-- Issue 5: distributed execution.
-- Each agent's final result is stored as it arrives (the agent is acknowledged only after this row committed), so a
-- re-delivery after a coordinator restart is idempotent and nothing an agent measured is lost.
CREATE TABLE step_agent_results (
    run_id      uuid        NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step_index  integer     NOT NULL,
    agent_id    text        NOT NULL,
    result      jsonb       NOT NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (run_id, step_index, agent_id)
);

-- One row per second of a step, merged across agents: counts, errors, the merged histogram (all request names) and
-- per-name counts; each agent's CPU share for the second, so a generator-bound second is visible.
CREATE TABLE step_intervals (
    run_id          uuid             NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step_index      integer          NOT NULL,
    second          integer          NOT NULL CHECK (second >= 0),
    warmup          boolean          NOT NULL,
    requests        bigint           NOT NULL,
    errors          bigint           NOT NULL,
    errors_by_kind  jsonb            NOT NULL,
    by_request      jsonb            NOT NULL,
    agent_cpu_share jsonb            NOT NULL,
    behind_schedule boolean          NOT NULL,
    histogram       bytea            NOT NULL,
    PRIMARY KEY (run_id, step_index, second)
);

ALTER TABLE steps
    ADD COLUMN start_skew_ms    bigint,
    ADD COLUMN agents_lost      jsonb   NOT NULL DEFAULT '[]',
    ADD COLUMN generator_bound  boolean NOT NULL DEFAULT false,
    ADD COLUMN generator_reason text,
    ADD COLUMN agent_cpu_share  double precision;
