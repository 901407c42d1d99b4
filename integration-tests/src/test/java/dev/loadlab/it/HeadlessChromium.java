package dev.loadlab.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.protocol.Json;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A real headless Chromium, Debian's package {@code chromium}, opening a local HTML file: installed with apt-get when
 * it is missing and this runs as root ({@code apt-get update} first only when the plain install fails); when it
 * cannot be had, the calling test is skipped with the reason. {@link #open} runs one browser, bounded in time and
 * killed with all its processes after, in its own profile directory, and returns the DOM after the page's scripts ran
 * ({@code --dump-dom} with a virtual time budget) and every URL request its network log ({@code --log-net-log})
 * recorded.
 *
 * <p>The browser itself asks for a few things whatever page it shows (the extension updater, an account check): those
 * carry no initiator ({@code "not an origin"}) and are kept apart from the page's own requests, which carry the page's
 * origin ({@code "null"} for a file). Nothing can leave the machine either way: every request goes to a proxy on a
 * loopback port nobody listens on, and the host resolver answers every name "not found". Not thread-safe.
 */
final class HeadlessChromium {
    /** The longest one page may take: the virtual time budget is 5 s, a cold start on a busy machine a few more. */
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static final Pattern TAG_ATTRIBUTE = Pattern.compile("([a-zA-Z-]+)=\"([^\"]*)\"");

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** One URL request from the network log: its URL and its initiator ({@code "not an origin"}: the browser's own). */
    record Request(String url, String initiator) {
        boolean fromPage() {
            return !"not an origin".equals(initiator);
        }
    }

    /** What the browser made of a page: its DOM after the scripts, and the URL requests of the page and its own. */
    record Page(String dom, List<Request> pageRequests, List<Request> browserRequests) {
        /** The attributes of each element {@code <tag ...>} in the DOM whose opening tag contains {@code marker}. */
        List<Map<String, String>> elements(String tag, String marker) {
            List<Map<String, String>> found = new ArrayList<>();
            Matcher m = Pattern.compile("<" + tag + "(\\s[^>]*)?>").matcher(dom);
            while (m.find()) {
                if (m.group().contains(marker)) {
                    found.add(attributes(m.group()));
                }
            }
            return found;
        }

        Map<String, String> body() {
            return elements("body", "").get(0);
        }
    }

    /** The browser, installed first if need be; skips the calling test (JUnit assumption) when it cannot be had. */
    static synchronized HeadlessChromium get() {
        Optional<Path> found = onPath();
        String why = "chromium is not on the PATH and this is not root, so it cannot be installed";
        if (found.isEmpty() && root()) {
            String first = apt("install", "-y", "chromium");
            found = onPath();
            if (found.isEmpty()) {
                String update = apt("update");
                String second = apt("install", "-y", "chromium");
                found = onPath();
                why = "chromium could not be installed: apt-get install said: " + tail(first) + "; apt-get update: "
                        + tail(update) + "; install again: " + tail(second);
            }
        }
        Assumptions.assumeTrue(found.isPresent(), "skipped, no real browser: " + why);
        return new HeadlessChromium(found.get());
    }

    /** Opens {@code html} (a file) once, using {@code work} for the profile, the network log and the browser's output. */
    Page open(Path html, Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path netLog = work.resolve("netlog.json");
        Path stdout = work.resolve("dom.html");
        Path stderr = work.resolve("chromium.stderr");
        List<String> command = new ArrayList<>(List.of(
                executable.toString(),
                "--headless",
                "--no-sandbox", // as root Chromium refuses to start without it
                "--disable-gpu",
                "--user-data-dir=" + work.resolve("profile"),
                "--no-first-run",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-features=NetworkTimeServiceQuerying",
                "--proxy-server=127.0.0.1:" + closedPort(),
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--log-net-log=" + netLog,
                "--virtual-time-budget=5000",
                "--dump-dom",
                html.toUri().toString()));
        // Output to files, so neither a large DOM nor a chatty browser can block on a full pipe.
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        try {
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("chromium did not end within " + TIMEOUT.toSeconds() + " s");
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("chromium exited with " + process.exitValue() + ": " + tail(read(stderr)));
        }
        List<Request> requests = requests(read(netLog));
        return new Page(
                read(stdout),
                requests.stream().filter(Request::fromPage).toList(),
                requests.stream().filter(r -> !r.fromPage()).toList());
    }

    /**
     * Every URL request in a Chromium network log (JSON: {@code constants} maps the numeric source and event types to
     * names; each of {@code events} has a {@code source} {id, type}, a {@code type} and {@code params}), one per
     * source: its URL (from any event's {@code params.url}) and the initiator its {@code URL_REQUEST_START_JOB} named.
     */
    static List<Request> requests(String log) {
        JsonNode root = parse(log);
        int urlRequest =
                root.path("constants").path("logSourceType").path("URL_REQUEST").asInt(-1);
        int startJob = root.path("constants")
                .path("logEventTypes")
                .path("URL_REQUEST_START_JOB")
                .asInt(-1);
        if (urlRequest < 0 || startJob < 0) {
            throw new AssertionError("not a Chromium net log: no URL_REQUEST / URL_REQUEST_START_JOB constants");
        }
        Map<Long, String> urls = new LinkedHashMap<>();
        Map<Long, String> initiators = new HashMap<>();
        for (JsonNode event : root.path("events")) {
            if (event.path("source").path("type").asInt() != urlRequest) {
                continue;
            }
            long id = event.path("source").path("id").asLong();
            JsonNode params = event.path("params");
            if (params.hasNonNull("url")) {
                urls.putIfAbsent(id, params.get("url").asText());
            }
            if (event.path("type").asInt() == startJob && params.hasNonNull("initiator")) {
                initiators.putIfAbsent(id, params.get("initiator").asText());
            }
        }
        List<Request> requests = new ArrayList<>();
        urls.forEach((id, url) -> requests.add(new Request(url, initiators.getOrDefault(id, "unknown"))));
        return requests;
    }

    /** The log is complete JSON once the browser ended; one cut short lacks its closing brackets. */
    private static JsonNode parse(String log) {
        try {
            return Json.lenient().readTree(log);
        } catch (JsonProcessingException e) {
            try {
                return Json.lenient().readTree(log.strip().replaceAll(",$", "") + "]}");
            } catch (JsonProcessingException again) {
                throw new AssertionError("the net log is not JSON: " + e.getOriginalMessage(), e);
            }
        }
    }

    private static Map<String, String> attributes(String tag) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher m = TAG_ATTRIBUTE.matcher(tag);
        while (m.find()) {
            attributes.put(m.group(1), m.group(2));
        }
        return attributes;
    }

    /** A loopback port that was free a moment ago: a proxy there refuses every connection at once. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Optional<Path> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "chromium");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean root() {
        try {
            Process id =
                    new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return id.waitFor() == 0 && uid.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs {@code apt-get ARGS} (non-interactive, at most 10 minutes) and returns what it printed. */
    private static String apt(String... args) {
        List<String> command = new ArrayList<>(List.of("apt-get"));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Path output = Files.createTempFile("apt-get", ".log");
            Process apt = builder.redirectOutput(output.toFile()).start();
            boolean ended = apt.waitFor(10, TimeUnit.MINUTES);
            if (!ended) {
                apt.descendants().forEach(ProcessHandle::destroyForcibly);
                apt.destroyForcibly();
            }
            String text = read(output);
            Files.deleteIfExists(output);
            return (ended ? "exit " + apt.exitValue() : "timed out") + ": " + text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** A file as UTF-8, any malformed byte replaced (a browser's or apt's output is not always clean). */
    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static String tail(String text) {
        String stripped = text.strip();
        return stripped.length() <= 600 ? stripped : "..." + stripped.substring(stripped.length() - 600);
    }
}
