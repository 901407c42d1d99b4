/**
 * Saved scenarios: named, versioned scenario documents that runs can be started from; a run records the exact version
 * it ran. Deleting a scenario hides it from listings but keeps every version, because past runs refer to them.
 */
package dev.loadlab.coordinator.scenarios;
