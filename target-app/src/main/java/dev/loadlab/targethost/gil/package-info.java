/**
 * The emulated interpreter lock of the {@code threaded-gil} profile: {@link dev.loadlab.targethost.gil.InterpreterLock}
 * reproduces CPython's GIL (held while computing, released around waits, handed over after a 5 ms switch interval when
 * another thread waits), so that W Java threads scale the way W CPython threads do. Thread-safe.
 */
package dev.loadlab.targethost.gil;
