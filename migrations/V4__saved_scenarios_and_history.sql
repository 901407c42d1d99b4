-- Issue 6: saved, versioned scenarios; runs remember the version they ran and carry labels; history is filtered by
-- scenario name, status, label and time, newest first, with keyset pagination on (submitted_at, seq).
CREATE TABLE scenarios (
    name       text        NOT NULL,
    version    integer     NOT NULL CHECK (version >= 1),
    scenario   jsonb       NOT NULL,
    created_at timestamptz NOT NULL,
    deleted_at timestamptz,
    PRIMARY KEY (name, version)
);

ALTER TABLE runs
    ADD COLUMN scenario_version integer,
    ADD COLUMN labels           jsonb NOT NULL DEFAULT '{}';

CREATE INDEX runs_name_newest ON runs (name, submitted_at DESC, seq DESC);
CREATE INDEX runs_status_newest ON runs (status, submitted_at DESC, seq DESC);
CREATE INDEX runs_labels ON runs USING gin (labels jsonb_path_ops);
