/**
 * The coordinator's model: the plain records and enums that describe runs, steps and what was measured, the read
 * models the REST API returns, and the storage ports ({@link dev.loadlab.coordinator.model.RunJournal}, {@link
 * dev.loadlab.coordinator.model.StepJournal}, {@link dev.loadlab.coordinator.model.RunReader}) the engine writes and
 * reads through. It depends on the protocol and the pure search logic only; the engine ({@code runs}) and the store
 * ({@code db}) both depend on it, never the other way round.
 */
package dev.loadlab.coordinator.model;
