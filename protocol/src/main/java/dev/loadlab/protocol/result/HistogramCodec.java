package dev.loadlab.protocol.result;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * HdrHistogram's own compressed encoding, as bytes (for PostgreSQL's bytea) or base64 (for JSON over the cluster).
 * Latency histograms in LoadLab record milliseconds from 1 ms to one hour with 3 significant digits. Stateless and
 * thread-safe; the histograms it makes are not thread-safe.
 */
public final class HistogramCodec {
    /** Highest latency a histogram can hold, in ms; larger values are clamped to it when recorded. */
    public static final long HIGHEST_TRACKABLE_MS = 3_600_000;

    public static final int SIGNIFICANT_DIGITS = 3;

    private HistogramCodec() {}

    /** An empty latency histogram in the shape every LoadLab component uses. */
    public static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_TRACKABLE_MS, SIGNIFICANT_DIGITS);
    }

    public static byte[] toBytes(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return bytes;
    }

    public static Histogram fromBytes(byte[] bytes) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), HIGHEST_TRACKABLE_MS);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("histogram bytes are not an HdrHistogram compressed encoding", e);
        }
    }

    public static String toBase64(Histogram histogram) {
        return Base64.getEncoder().encodeToString(toBytes(histogram));
    }

    public static Histogram fromBase64(String base64) {
        return fromBytes(Base64.getDecoder().decode(base64));
    }
}
