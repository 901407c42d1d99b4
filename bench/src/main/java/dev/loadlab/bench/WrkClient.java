package dev.loadlab.bench;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk as a reference client: {@code wrk -t1 -cN -dS --latency URL}, one thread (like one Gatling event loop per
 * connection group) and N keep-alive connections, parsed for requests/s, p50 and p99. Stateless.
 */
final class WrkClient {
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$");

    private WrkClient() {}

    /** Figures of wrk's run: requests/s, p50 ms, p99 ms. */
    record Result(double rps, double p50Ms, double p99Ms) {}

    /** Runs wrk for {@code seconds}; blocking. */
    static Result run(String url, int connections, int seconds) throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder(
                        List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--latency", url))
                .redirectErrorStream(true)
                .start();
        String out = new String(wrk.getInputStream().readAllBytes());
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        return parse(out);
    }

    /** Parses wrk's {@code --latency} output; throws when a figure is missing. */
    static Result parse(String out) {
        double rps = Double.NaN;
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        for (String line : out.split("\n")) {
            Matcher r = RPS.matcher(line);
            if (r.find()) {
                rps = Double.parseDouble(r.group(1));
            }
            Matcher p = PERCENTILE.matcher(line);
            if (p.find()) {
                double ms = Double.parseDouble(p.group(2))
                        * switch (p.group(3)) {
                            case "us" -> 0.001;
                            case "ms" -> 1;
                            default -> 1000;
                        };
                if (p.group(1).equals("50")) {
                    p50 = ms;
                } else {
                    p99 = ms;
                }
            }
        }
        if (Double.isNaN(rps) || Double.isNaN(p50) || Double.isNaN(p99)) {
            throw new IllegalStateException("wrk printed no Requests/sec or latency distribution: " + out);
        }
        return new Result(rps, p50, p99);
    }
}
