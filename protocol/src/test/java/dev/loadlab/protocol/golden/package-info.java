/** Golden files for the wire formats: fixed examples of every message and body, and the test that pins them. */
package dev.loadlab.protocol.golden;
