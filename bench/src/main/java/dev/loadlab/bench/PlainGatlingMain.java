package dev.loadlab.bench;

import io.gatling.app.Gatling$;
import java.nio.file.Path;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The plain Gatling JVM's entry point: runs {@link PlainGatlingSimulation} through Gatling's own launcher (reports
 * off, no data writers), then prints one line, {@value #RESULT} followed by the measured requests' count, OK count,
 * p50, p99 and mean in milliseconds from the simulation's own histogram, for {@link PlainGatlingClient}. Argument: the
 * results directory (empty).
 */
public final class PlainGatlingMain {
    static final String RESULT = "plain-gatling result";

    private PlainGatlingMain() {}

    public static void main(String[] args) {
        Path results = Path.of(args[0]);
        int status = Gatling$.MODULE$.fromArgs(
                new String[] {"-s", PlainGatlingSimulation.class.getName(), "-rf", results.toString(), "-nr"});
        if (status != 0) {
            System.out.println("plain-gatling failed: Gatling exited with status " + status);
            System.exit(2);
        }
        Histogram times = PlainGatlingSimulation.TIMES;
        long ok = times.getTotalCount();
        long failed = PlainGatlingSimulation.FAILED.sum();
        if (ok + failed == 0) {
            System.out.println("plain-gatling failed: no measured requests");
            System.exit(2);
        }
        System.out.println(String.format(
                Locale.ROOT,
                "%s requests=%d ok=%d p50=%d p99=%d mean=%d",
                RESULT,
                ok + failed,
                ok,
                times.getValueAtPercentile(50.0),
                times.getValueAtPercentile(99.0),
                Math.round(times.getMean())));
        System.exit(0);
    }
}
