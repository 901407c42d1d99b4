package dev.loadlab.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** The exit statuses of every command; {@code run} and {@code watch} map a finished run to one. Stateless. */
public final class ExitCode {
    /** The run passed (or, for the other commands, the command did what was asked). */
    public static final int PASSED = 0;
    /** A step broke the scenario's SLO on trustworthy figures. */
    public static final int FAILED_SLO = 1;
    /** {@code compare}, or {@code run --baseline}: a step's throughput regressed against the baseline. */
    public static final int REGRESSED = 1;
    /** The figures cannot carry a verdict: a step was generator-bound, unsteady, degraded or failed. */
    public static final int INCONCLUSIVE = 2;
    /** The run itself failed or was cancelled. */
    public static final int RUN_FAILED = 3;
    /** Bad input (flags, scenario file) or a coordinator that cannot be reached or refused the request. */
    public static final int BAD_INPUT = 4;

    /** The lines {@code --help} shows under "Exit codes", one per status. */
    static final String HELP_0 = "0:the run passed (every step met its SLO on trustworthy figures)";

    static final String HELP_1 = "1:a step broke the SLO (on trustworthy figures)";
    static final String HELP_2 = "2:inconclusive (a generator-bound, unsteady, degraded or failed step)";
    static final String HELP_3 = "3:the run failed or was cancelled";
    static final String HELP_4 = "4:bad input (flags, scenario file) or the coordinator cannot be reached";

    private ExitCode() {}

    /** The exit status of a run that ended: its status first (failed or cancelled runs), then its verdict. */
    static int of(JsonNode run) {
        String status = run.path("status").asText();
        if (status.equals("FAILED") || status.equals("CANCELLED")) {
            return RUN_FAILED;
        }
        return switch (run.path("verdict").path("outcome").asText()) {
            case "passed" -> PASSED;
            case "failed" -> FAILED_SLO;
            default -> INCONCLUSIVE;
        };
    }
}
