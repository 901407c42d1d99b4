package dev.loadlab.targethost.host;

import dev.loadlab.targethost.worker.Model;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The profiles this host can run: the five built-in ones, plus command profiles read from the host's own profiles file
 * (never from the REST API: a command line is code, and only whoever configures the host may choose what it runs).
 * File format (Java properties):
 *
 * <pre>
 * profile.gunicorn-sync.command=gunicorn -w {workers} -b 127.0.0.1:{port} --chdir {app} app:app
 * profile.gunicorn-sync.readiness=/health
 * profile.gunicorn-sync.description=Gunicorn sync workers serving app:app
 * profile.gunicorn-sync.cores=workers
 * </pre>
 *
 * {@code cores} is how many cores the app can keep busy: {@code workers} (the default) or a number. In the command,
 * {@code {workers}} stands for W, {@code {port}} for the host's app port and {@code {app}} for the absolute directory
 * of the profiles file (where an app kept beside it lives, e.g. {@code target-app/python/}).
 *
 * Immutable.
 */
public final class ProfileCatalog {
    public static final String PROFILES_ENV = "LOADLAB_TARGET_PROFILES";

    private final Map<String, Profile> profiles;

    private ProfileCatalog(Map<String, Profile> profiles) {
        this.profiles = Collections.unmodifiableMap(profiles);
    }

    /** The built-in profiles only. */
    public static ProfileCatalog builtIn() {
        return new ProfileCatalog(builtIns());
    }

    /** Built-ins plus the command profiles of {@code file}; a broken entry is an error naming the key. */
    public static ProfileCatalog withFile(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Path appDirectory = file.toAbsolutePath().normalize().getParent();
        Map<String, Profile> all = builtIns();
        TreeSet<String> names = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            String[] parts = key.split("\\.");
            if (parts.length != 3 || !parts[0].equals("profile")) {
                throw new IllegalArgumentException(file + ": key '" + key + "' must look like profile.NAME.command,"
                        + " profile.NAME.readiness, profile.NAME.description or profile.NAME.cores");
            }
            names.add(parts[1]);
        }
        for (String name : names) {
            if (all.containsKey(name)) {
                throw new IllegalArgumentException(file + ": profile '" + name + "' would replace a built-in profile");
            }
            if (!name.matches("[a-z0-9][a-z0-9._-]{0,39}")) {
                throw new IllegalArgumentException(
                        file + ": profile name '" + name + "' must match [a-z0-9][a-z0-9._-]{0,39}");
            }
            String command = properties.getProperty("profile." + name + ".command");
            if (command == null || !command.contains("{port}")) {
                throw new IllegalArgumentException(
                        file + ": profile." + name + ".command is required and must contain {port}");
            }
            String readiness = properties.getProperty("profile." + name + ".readiness", "/");
            if (!readiness.startsWith("/")) {
                throw new IllegalArgumentException(file + ": profile." + name + ".readiness must start with /");
            }
            String description = properties.getProperty("profile." + name + ".description", "command: " + command);
            String cores = properties
                    .getProperty("profile." + name + ".cores", Profile.Command.CORES_PER_WORKER)
                    .strip();
            if (!cores.equals(Profile.Command.CORES_PER_WORKER) && !cores.matches("[1-9][0-9]{0,2}")) {
                throw new IllegalArgumentException(file + ": profile." + name
                        + ".cores must be 'workers' or a whole number 1..999, was '" + cores + "'");
            }
            all.put(name, new Profile.Command(name, description, command.strip(), readiness, cores, appDirectory));
        }
        return new ProfileCatalog(all);
    }

    public Optional<Profile> find(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    /** Every profile, built-ins first, in a stable order. */
    public List<Profile> all() {
        return new ArrayList<>(profiles.values());
    }

    /** The names, for error messages. */
    public List<String> names() {
        return new ArrayList<>(profiles.keySet());
    }

    private static Map<String, Profile> builtIns() {
        Map<String, Profile> map = new LinkedHashMap<>();
        add(
                map,
                new Profile.BuiltIn(
                        "multi-process",
                        "W processes of 1 blocking thread each on one SO_REUSEPORT port,"
                                + " one request per connection (Gunicorn sync workers)",
                        true,
                        Model.BLOCKING,
                        false));
        add(
                map,
                new Profile.BuiltIn(
                        "threaded-gil",
                        "1 process of W blocking threads under an emulated CPython GIL"
                                + " (5 ms switch interval; Gunicorn gthread on CPython 3.14)",
                        false,
                        Model.BLOCKING,
                        true));
        add(
                map,
                new Profile.BuiltIn(
                        "threaded",
                        "1 process of W blocking threads, no interpreter lock"
                                + " (free-threaded CPython 3.14t; plain Java threads)",
                        false,
                        Model.BLOCKING,
                        false));
        add(
                map,
                new Profile.BuiltIn(
                        "async",
                        "W processes of 1 event loop each: /io waits are timers, /cpu blocks the"
                                + " loop; keep-alive (Uvicorn workers)",
                        true,
                        Model.EVENT_LOOP,
                        false));
        add(
                map,
                new Profile.BuiltIn(
                        "green",
                        "W processes, each with virtual threads on 1 carrier thread: waits park,"
                                + " /cpu holds the carrier; keep-alive (Gevent workers)",
                        true,
                        Model.VIRTUAL,
                        false));
        return map;
    }

    private static void add(Map<String, Profile> map, Profile profile) {
        map.put(profile.name(), profile);
    }
}
