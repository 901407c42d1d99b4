/**
 * Runs and their steps: submission, the scheduler that places steps on agents and collects their results, the exact
 * merge of the agents' histograms, and the read models the REST API returns.
 */
package dev.loadlab.coordinator.runs;
