/**
 * The coordinator's side of a target host's control API: switching it to a profile and worker count before a step,
 * sampling its own CPU and memory accounting while the step runs, and turning those samples into the target's usage
 * over the step's measured window.
 */
package dev.loadlab.coordinator.targetcontrol;
