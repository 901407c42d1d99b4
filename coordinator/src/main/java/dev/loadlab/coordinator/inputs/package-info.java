/**
 * What scenarios draw on from the coordinator's stores: datasets (parsed from CSV or JSON lines within their limits)
 * and secrets (sealed with AES-GCM before they reach the store), the checks that refuse deleting one a saved scenario
 * still uses, and the lookups that validation ({@link dev.loadlab.coordinator.inputs.StoredReferences}) and step start
 * ({@link dev.loadlab.coordinator.inputs.StoredInputs}) go through.
 */
package dev.loadlab.coordinator.inputs;
