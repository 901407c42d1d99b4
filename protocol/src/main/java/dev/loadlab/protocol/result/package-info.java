/**
 * Measured results and the HdrHistogram codec. Latency values are milliseconds, Gatling's resolution; percentiles are
 * computed once, from an exactly merged histogram, and never averaged.
 */
package dev.loadlab.protocol.result;
