-- LoadLab schema v1: runs, their steps, and each step's per-request and per-agent breakdown.
-- Summary columns are for listing and filtering; the encoded HdrHistograms (bytea, HdrHistogram's compressed
-- encoding, values in ms) are kept beside them so any later comparison or re-aggregation stays exact.

CREATE TABLE runs (
    id           uuid        PRIMARY KEY,
    seq          bigserial   NOT NULL UNIQUE,
    name         text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    scenario     jsonb       NOT NULL,
    submitted_at timestamptz NOT NULL,
    started_at   timestamptz,
    finished_at  timestamptz,
    failure      text
);

CREATE INDEX runs_newest_first ON runs (submitted_at DESC, seq DESC);
CREATE INDEX runs_unfinished ON runs (status) WHERE status IN ('QUEUED', 'RUNNING');

CREATE TABLE steps (
    run_id          uuid             NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step_index      integer          NOT NULL CHECK (step_index >= 0),
    status          text             NOT NULL CHECK (status IN ('SUCCEEDED', 'FAILED', 'CANCELLED', 'DEGRADED')),
    agents          integer          NOT NULL,
    started_at      timestamptz      NOT NULL,
    finished_at     timestamptz      NOT NULL,
    measured_from   timestamptz,
    measured_to     timestamptz,
    requests        bigint           NOT NULL,
    errors          bigint           NOT NULL,
    warmup_requests bigint           NOT NULL,
    throughput_rps  double precision NOT NULL,
    p50_ms          bigint           NOT NULL,
    p90_ms          bigint           NOT NULL,
    p99_ms          bigint           NOT NULL,
    p999_ms         bigint           NOT NULL,
    max_ms          bigint           NOT NULL,
    mean_ms         double precision NOT NULL,
    errors_by_kind  jsonb            NOT NULL,
    histogram       bytea            NOT NULL,
    failure         text,
    PRIMARY KEY (run_id, step_index)
);

CREATE TABLE step_requests (
    run_id         uuid             NOT NULL,
    step_index     integer          NOT NULL,
    name           text             NOT NULL,
    requests       bigint           NOT NULL,
    errors         bigint           NOT NULL,
    p50_ms         bigint           NOT NULL,
    p90_ms         bigint           NOT NULL,
    p99_ms         bigint           NOT NULL,
    p999_ms        bigint           NOT NULL,
    max_ms         bigint           NOT NULL,
    mean_ms        double precision NOT NULL,
    errors_by_kind jsonb            NOT NULL,
    histogram      bytea            NOT NULL,
    PRIMARY KEY (run_id, step_index, name),
    FOREIGN KEY (run_id, step_index) REFERENCES steps (run_id, step_index) ON DELETE CASCADE
);

-- Each agent's share of a step and what it measured, so a split can be audited.
CREATE TABLE step_agents (
    run_id          uuid             NOT NULL,
    step_index      integer          NOT NULL,
    agent_id        text             NOT NULL,
    users           integer,
    rate            double precision,
    requests        bigint           NOT NULL,
    errors          bigint           NOT NULL,
    warmup_requests bigint           NOT NULL,
    failure         text,
    PRIMARY KEY (run_id, step_index, agent_id),
    FOREIGN KEY (run_id, step_index) REFERENCES steps (run_id, step_index) ON DELETE CASCADE
);
