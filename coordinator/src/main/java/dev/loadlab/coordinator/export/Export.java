package dev.loadlab.coordinator.export;

/** One rendered export: its bytes and how to serve them. Immutable (the array is not copied: do not change it). */
public record Export(ExportFormat format, String fileName, byte[] body) {}
