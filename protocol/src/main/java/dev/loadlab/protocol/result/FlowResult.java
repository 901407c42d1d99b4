package dev.loadlab.protocol.result;

/**
 * What one agent measured for one flow (user journey) in the measured window: iterations of its {@code steps} that
 * completed in it, how many of those had an error in any request ({@code failed}), and the base64 HdrHistogram of
 * iteration durations in ms (think time included: what a user lives through). Immutable.
 */
public record FlowResult(String name, long completed, long failed, String histogram) {}
