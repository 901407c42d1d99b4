/**
 * Scenario JSON v1: what a user submits (target, weighted requests, load model) and its validation. Decoding and
 * validation report the JSON path of the offending field and the limit it broke, so the REST API can answer with a
 * precise {@code application/problem+json}.
 */
package dev.loadlab.protocol.scenario;
