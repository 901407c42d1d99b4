-- Issue 4: a step may switch the target host to a profile and worker count; store which, and what the target used
-- during the measured window according to its own accounting (average cores; the full usage, with peak RSS and
-- requests per worker process, as JSON).
ALTER TABLE steps
    ADD COLUMN profile          text,
    ADD COLUMN workers          integer CHECK (workers IS NULL OR workers BETWEEN 1 AND 64),
    ADD COLUMN target_cpu_cores double precision,
    ADD COLUMN target_usage     jsonb;
