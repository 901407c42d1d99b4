package dev.loadlab.bench;

import io.gatling.app.Gatling$;
import io.gatling.charts.stats.GeneralStats;
import io.gatling.charts.stats.LogFileReader;
import io.gatling.core.config.GatlingConfiguration$;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import scala.Option;

/**
 * The plain Gatling JVM's entry point: runs {@link PlainGatlingSimulation} through Gatling's own launcher (reports
 * off: their HTML charts need a library LoadLab does not ship), then reads the run's {@code simulation.log} with
 * Gatling's own reader and prints one line, {@value #RESULT} followed by the measured requests' count, OK count, p50,
 * p99 and mean in milliseconds, for {@link PlainGatlingClient}. Argument: the results directory (empty).
 */
public final class PlainGatlingMain {
    static final String RESULT = "plain-gatling result";

    private PlainGatlingMain() {}

    public static void main(String[] args) throws IOException {
        Path results = Path.of(args[0]);
        int status = Gatling$.MODULE$.fromArgs(
                new String[] {"-s", PlainGatlingSimulation.class.getName(), "-rf", results.toString(), "-nr"});
        if (status != 0) {
            System.out.println("plain-gatling failed: Gatling exited with status " + status);
            System.exit(2);
        }
        Path run;
        try (Stream<Path> runs = Files.list(results)) {
            List<Path> dirs = runs.filter(Files::isDirectory).toList();
            if (dirs.size() != 1) {
                throw new IllegalStateException("expected one Gatling run under " + results + ", found " + dirs);
            }
            run = dirs.get(0);
        }
        var data = LogFileReader.apply(run.getFileName().toString(), results, GatlingConfiguration$.MODULE$.load())
                .read();
        Option<GeneralStats> all =
                data.requestGeneralStats(Option.apply(PlainGatlingSimulation.MEASURED), Option.empty(), Option.empty());
        Option<GeneralStats> ok = data.requestGeneralStats(
                Option.apply(PlainGatlingSimulation.MEASURED),
                Option.empty(),
                Option.apply(io.gatling.commons.stats.OK$.MODULE$));
        if (all.isEmpty()) {
            System.out.println("plain-gatling failed: no measured requests in " + run);
            System.exit(2);
        }
        GeneralStats stats = all.get();
        System.out.println(String.format(
                Locale.ROOT,
                "%s requests=%d ok=%d p50=%s p99=%s mean=%d",
                RESULT,
                stats.count(),
                ok.isEmpty() ? 0 : ok.get().count(),
                stats.percentile().apply(50.0),
                stats.percentile().apply(99.0),
                stats.mean()));
        System.exit(0);
    }
}
