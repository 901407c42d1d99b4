package dev.loadlab.bench;

/**
 * One cell of {@code ./loadlab bench generator}: a server configuration and a path, measured by every client with
 * {@code connections} connections (LoadLab: that many closed-model users, one connection each). {@code kind} is
 * {@code nginx}, {@code python} (a real Python command profile on the target host) or {@code builtin} (a target host
 * profile); {@code profile} and {@code workers} are null / 1 for nginx. {@code capacityCores} is how many cores the
 * server can keep busy (nginx: its one worker). Immutable.
 */
record GeneratorCell(String kind, String profile, int workers, String path, int connections, double capacityCores) {
    String label() {
        return kind.equals("nginx")
                ? "nginx (1 worker) `" + path + "`"
                : "`" + profile + "` W=" + workers + " `" + path + "`";
    }

    boolean nginx() {
        return kind.equals("nginx");
    }
}
