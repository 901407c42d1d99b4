package dev.loadlab.protocol.control;

/**
 * The body of {@code PUT /control/config}: run {@code profile} with {@code workers} workers. Both are nullable so that
 * a missing field can be reported as missing; the target host checks that the profile exists and W is in range.
 * Immutable.
 *
 * @param profile a profile name from {@code GET /control/profiles}
 * @param workers W, 1..64
 */
public record ConfigRequest(String profile, Integer workers) {}
