/**
 * The target host: the {@link dev.loadlab.targethost.host.Supervisor} runs the app in one {@link
 * dev.loadlab.targethost.host.Profile} with W worker processes on one shared port and switches configurations on request;
 * the {@link dev.loadlab.targethost.host.ControlServer} is its authenticated control API, whose bodies are the records of
 * {@code dev.loadlab.protocol.control} (the coordinator reads them through the same types); {@link
 * dev.loadlab.targethost.host.ProcUsage} measures the app's CPU time and memory from {@code /proc}. The supervisor
 * serialises configuration changes and is otherwise thread-safe; the records are immutable.
 */
package dev.loadlab.targethost.host;
