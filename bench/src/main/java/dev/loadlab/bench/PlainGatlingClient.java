package dev.loadlab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Plain Gatling as a reference client: {@link PlainGatlingMain} in its own JVM with the agent's JVM flags (serial GC,
 * the add-opens of the agent jar's manifest, native access) and the agent's dependencies ({@code agent/target/lib},
 * the same Gatling and Netty; not the agent's own jar, so none of LoadLab's recording and its {@code gatling.conf}),
 * plus this bench's jar and any {@code -D} settings given. Stateless.
 */
final class PlainGatlingClient {
    private static final Pattern START = Pattern.compile("plain-gatling measuring from (\\d+)");
    private static final Pattern RESULT = Pattern.compile(
            Pattern.quote(PlainGatlingMain.RESULT) + " requests=(\\d+) ok=(\\d+) p50=(\\d+) p99=(\\d+) mean=(\\d+)");

    private PlainGatlingClient() {}

    /** Its figures, and the measured window in epoch millis (for the server's CPU). */
    record Result(double rps, double p50Ms, double p99Ms, long errors, long fromMs, long toMs) {}

    static Result run(
            Path home,
            Path work,
            String baseUrl,
            String path,
            int users,
            int warmupSeconds,
            int seconds,
            Map<String, String> properties)
            throws IOException, InterruptedException {
        Path lib = home.resolve("agent/target/lib").toAbsolutePath();
        Path benchJar = home.resolve("bench/target/loadlab-bench.jar").toAbsolutePath();
        if (!Files.isDirectory(lib) || !Files.isRegularFile(benchJar)) {
            throw new IllegalStateException(lib + " or " + benchJar + " is missing: build with ./loadlab build");
        }
        String classPath;
        try (Stream<Path> jars = Files.list(lib)) {
            classPath = benchJar + ":"
                    + jars.filter(p -> p.toString().endsWith(".jar"))
                            .sorted()
                            .map(Path::toString)
                            .collect(Collectors.joining(":"));
        }
        Path results = Files.createTempDirectory(work, "plain-gatling-");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-XX:+UseSerialGC");
        if (Runtime.version().feature() >= 23) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of(
                "--enable-native-access=ALL-UNNAMED",
                "--add-exports",
                "java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-opens",
                "java.base/java.lang=ALL-UNNAMED",
                "--add-opens",
                "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens",
                "java.management/sun.management=ALL-UNNAMED",
                "--add-opens",
                "jdk.management/com.sun.management.internal=ALL-UNNAMED"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of(
                "-Dlogback.configurationFile=plain-gatling-logback.xml",
                "-Dplain.baseUrl=" + baseUrl,
                "-Dplain.path=" + path,
                "-Dplain.users=" + users,
                "-Dplain.warmupMs=" + warmupSeconds * 1000L,
                "-Dplain.durationMs=" + seconds * 1000L,
                "-cp",
                classPath,
                PlainGatlingMain.class.getName(),
                results.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        long from = -1;
        Matcher result = null;
        StringBuilder out = new StringBuilder();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.append(line).append('\n');
                Matcher s = START.matcher(line);
                if (s.find()) {
                    from = Long.parseLong(s.group(1));
                }
                Matcher r = RESULT.matcher(line);
                if (r.find()) {
                    result = r;
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        if (result == null || from < 0) {
            throw new IllegalStateException("plain Gatling printed no result: " + out);
        }
        long requests = Long.parseLong(result.group(1));
        long ok = Long.parseLong(result.group(2));
        return new Result(
                requests / (double) seconds,
                Double.parseDouble(result.group(3)),
                Double.parseDouble(result.group(4)),
                requests - ok,
                from,
                from + seconds * 1000L);
    }
}
