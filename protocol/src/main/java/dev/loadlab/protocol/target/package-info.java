/**
 * Where load may be sent: {@link dev.loadlab.protocol.target.TargetAllowlist}, the one allowlist of target hosts that
 * the coordinator checks when a scenario is submitted and before each step, and each agent checks again, against its
 * own list, before it sends anything.
 */
package dev.loadlab.protocol.target;
