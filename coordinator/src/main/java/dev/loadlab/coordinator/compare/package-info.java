/**
 * Comparing stored runs and following a scenario over time: {@code GET /api/v1/compare} matches the steps of two runs
 * by (profile, workers, request name) and decides, per matched step, whether throughput improved or regressed with a
 * Mann-Whitney U test on the per-second throughput of the measured windows; {@code GET
 * /api/v1/scenarios/{name}/trend} gives one metric of one step shape over past runs of a scenario. Everything here
 * only reads PostgreSQL; latency figures are the percentiles computed once from each step's merged histogram and are
 * shown, never averaged and never used for the verdict.
 */
package dev.loadlab.coordinator.compare;
