-- Issue 13: whether a step's measured window was one steady state: its per-second throughput (and the target's
-- per-second CPU where sampled) tested for a trend (Mann-Kendall) and its spread, with the drift between the first and
-- last thirds ({"unsteady": true, "reason": "...", "throughput": {...}, "targetCpu": {...}}). Null for steps stored
-- before, search probes, staged loads and windows too short to judge.
ALTER TABLE steps ADD COLUMN steadiness jsonb;
