/**
 * Scenarios, v1 and v2: what a user submits (target, weighted requests or flows, checks and saved values, datasets
 * and secrets, load model and stages), in JSON or YAML, and its validation. {@code ScenarioCodec} decodes, and the
 * package-private rule classes ({@code TargetRules}, {@code WorkloadRules}, {@code RequestRules}, {@code PauseRules},
 * {@code LoadRules}, {@code ReferenceRules}) report the JSON path of every offending field and the limit it broke, so
 * the REST API can answer with a precise {@code application/problem+json}.
 */
package dev.loadlab.protocol.scenario;
