-- Issue 11: what v2 workloads measure beside the requests. Summary columns sit beside each exact histogram, as in
-- steps and step_requests: the percentiles are computed once, by the merge, and stored so reads need no decoding.

-- How often each named check failed, by label (Check.label() or save(NAME)), summed over agents.
ALTER TABLE step_requests ADD COLUMN failed_checks jsonb NOT NULL DEFAULT '{}';

-- The first distinct reasons requests failed, [{"message": ..., "agents": n}], at most 20 per step.
ALTER TABLE steps ADD COLUMN failure_messages jsonb NOT NULL DEFAULT '[]';

-- One row per flow of a step: iterations completed in the measured window, those with an error, and the merged
-- histogram of iteration durations (ms, think time included).
CREATE TABLE step_flows (
    run_id      uuid             NOT NULL,
    step_index  integer          NOT NULL,
    name        text             NOT NULL,
    completed   bigint           NOT NULL CHECK (completed >= 0),
    failed      bigint           NOT NULL CHECK (failed >= 0),
    p50_ms      bigint           NOT NULL,
    p90_ms      bigint           NOT NULL,
    p99_ms      bigint           NOT NULL,
    max_ms      bigint           NOT NULL,
    mean_ms     double precision NOT NULL,
    histogram   bytea            NOT NULL,
    PRIMARY KEY (run_id, step_index, name),
    FOREIGN KEY (run_id, step_index) REFERENCES steps (run_id, step_index) ON DELETE CASCADE
);

-- One row per load stage of a step: the measured seconds that started in it, responses and errors over every agent
-- and request name, throughput (requests / seconds) and the merged histogram of response times.
CREATE TABLE step_stages (
    run_id         uuid             NOT NULL,
    step_index     integer          NOT NULL,
    stage_index    integer          NOT NULL CHECK (stage_index >= 0),
    requests       bigint           NOT NULL,
    errors         bigint           NOT NULL,
    throughput_rps double precision NOT NULL,
    p50_ms         bigint           NOT NULL,
    p90_ms         bigint           NOT NULL,
    p99_ms         bigint           NOT NULL,
    max_ms         bigint           NOT NULL,
    histogram      bytea            NOT NULL,
    seconds        bigint           NOT NULL CHECK (seconds >= 0),
    PRIMARY KEY (run_id, step_index, stage_index),
    FOREIGN KEY (run_id, step_index) REFERENCES steps (run_id, step_index) ON DELETE CASCADE
);
