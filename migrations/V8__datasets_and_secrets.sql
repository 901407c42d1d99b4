-- Issue 11: datasets a workload draws rows from, and secrets its templates refer to by name (Flyway reads a dollar-brace as its own placeholder, so none here).
-- A dataset's rows are one gzip'd JSON array of arrays of strings: 100,000 rows are read back in one value, with no
-- per-row overhead, and neither the listing nor showing one dataset has to touch them: row_count, bytes (the size as
-- uploaded) and preview (the first 10 rows, as a JSON array of arrays) are kept apart.
CREATE TABLE datasets (
    name       text        PRIMARY KEY,
    format     text        NOT NULL CHECK (format IN ('csv', 'jsonl')),
    columns    jsonb       NOT NULL,
    row_count  integer     NOT NULL CHECK (row_count >= 0),
    bytes      bigint      NOT NULL CHECK (bytes >= 0),
    rows       bytea       NOT NULL,
    preview    jsonb       NOT NULL,
    created_at timestamptz NOT NULL
);

-- A secret's value is never stored in clear: AES-GCM under the coordinator's secret key (LOADLAB_SECRET_KEY or
-- <data-dir>/secret-key), a fresh 12-byte nonce per value, the secret's name as associated data.
CREATE TABLE secrets (
    name       text        PRIMARY KEY,
    nonce      bytea       NOT NULL,
    ciphertext bytea       NOT NULL,
    created_at timestamptz NOT NULL
);
