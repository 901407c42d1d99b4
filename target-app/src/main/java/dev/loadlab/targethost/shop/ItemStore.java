package dev.loadlab.targethost.shop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The items of {@code /items}, one file per item in a directory that every worker process of the host shares, so an
 * item created through one process can be read through any other. A file is written under a temporary name and renamed
 * into place (atomic on one file system), so a reader never sees half an item. An id is 14 hex digits of the creation
 * time in microseconds followed by 16 random URL-safe characters: file names sort oldest first, and ids cannot be
 * guessed. Items never change once written, so each process keeps the ones it has seen in memory (up to {@value
 * #CACHE_BYTES} bytes) and reads only new files. Thread-safe.
 */
public final class ItemStore {
    private static final String SUFFIX = ".json";
    private static final int CACHE_BYTES = 16 * 1024 * 1024;
    private static final int MAX_ID_LENGTH = 64;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ID_ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final Path directory;
    private final ConcurrentHashMap<String, byte[]> cache = new ConcurrentHashMap<>();
    private final AtomicLong cachedBytes = new AtomicLong();

    /** @param directory an existing directory, shared by the host's worker processes */
    public ItemStore(Path directory) {
        this.directory = directory;
    }

    /** A new id: creation time first (so names sort oldest first), then 96 random bits. */
    static String newId(Instant now) {
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        return String.format("%014x", micros) + ID_ENCODER.encodeToString(random);
    }

    /** Whether {@code id} could be an item's id: URL-safe characters only, so it cannot name another file. */
    static boolean plausibleId(String id) {
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean safe =
                    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!safe) {
                return false;
            }
        }
        return true;
    }

    /** Stores {@code json} (an item's JSON text, its id included) under {@code id}. */
    void put(String id, byte[] json) {
        Path temporary = directory.resolve("." + id + ".tmp");
        try {
            Files.write(temporary, json);
            Files.move(temporary, directory.resolve(id + SUFFIX), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store item " + id + " in " + directory, e);
        }
        remember(id, json);
    }

    /** The item's JSON text, or {@code null} if there is no such item. */
    byte[] get(String id) {
        if (!plausibleId(id)) {
            return null;
        }
        byte[] cached = cache.get(id);
        if (cached != null) {
            return cached;
        }
        try {
            byte[] json = Files.readAllBytes(directory.resolve(id + SUFFIX));
            remember(id, json);
            return json;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read item " + id + " from " + directory, e);
        }
    }

    /** Every item's JSON text, oldest first. */
    List<byte[]> all() {
        return newest(Integer.MAX_VALUE);
    }

    /** The newest {@code limit} items' JSON text, oldest first (ids sort by creation time). */
    List<byte[]> newest(int limit) {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                ids.add(name.substring(0, name.length() - SUFFIX.length()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the items in " + directory, e);
        }
        Collections.sort(ids);
        if (ids.size() > limit) {
            ids = ids.subList(ids.size() - limit, ids.size());
        }
        List<byte[]> items = new ArrayList<>(ids.size());
        for (String id : ids) {
            byte[] json = get(id);
            if (json != null) {
                items.add(json);
            }
        }
        return items;
    }

    private void remember(String id, byte[] json) {
        if (cachedBytes.addAndGet(json.length) <= CACHE_BYTES) {
            cache.put(id, json);
        } else {
            cachedBytes.addAndGet(-json.length);
        }
    }

    /** Creates a fresh items directory under the system's temporary directory. */
    public static Path createDirectory() {
        try {
            return Files.createTempDirectory("loadlab-items-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create an items directory", e);
        }
    }

    /** Deletes an items directory and every file in it; quietly does what it can (the host is stopping). */
    public static void deleteDirectory(Path directory) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // Already gone, or a worker was still writing; the temporary directory is the system's to clean then.
        }
    }
}
