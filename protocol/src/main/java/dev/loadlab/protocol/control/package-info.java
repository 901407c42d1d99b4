/**
 * The target host's control API as records: the bodies of {@code GET /control/profiles}, {@code GET} and {@code PUT
 * /control/config}, {@code GET /control/stats} and its problem answers, and the per-worker {@code /stats} body the
 * host's supervisor reads from each worker. The target host writes them and the coordinator reads them, so both sides
 * agree on one shape; {@link dev.loadlab.protocol.control.ControlApi#VERSION} says which, and golden files pin it.
 */
package dev.loadlab.protocol.control;
