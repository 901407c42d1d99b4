package dev.loadlab.targethost.host;

import dev.loadlab.targethost.http.JsonText;
import java.util.List;

/** Writes the control API's JSON bodies by hand (no JSON library in the target host). Stateless. */
final class ControlJsonWriter {
    private ControlJsonWriter() {}

    static String profiles(ProfileCatalog catalog) {
        StringBuilder json = new StringBuilder("{\"profiles\":[");
        List<Profile> all = catalog.all();
        for (int i = 0; i < all.size(); i++) {
            Profile profile = all.get(i);
            json.append(i == 0 ? "" : ",")
                    .append("{\"name\":")
                    .append(JsonText.quote(profile.name()))
                    .append(",\"kind\":")
                    .append(profile instanceof Profile.Command ? "\"command\"" : "\"built-in\"")
                    .append(",\"description\":")
                    .append(JsonText.quote(profile.description()))
                    .append('}');
        }
        return json.append("]}").toString();
    }

    static String config(RunningConfig running) {
        StringBuilder json = new StringBuilder("{\"profile\":")
                .append(running.profile() == null ? "null" : JsonText.quote(running.profile()))
                .append(",\"workers\":")
                .append(running.workers())
                .append(",\"port\":")
                .append(running.port())
                .append(",\"pids\":[");
        List<Long> pids = running.pids();
        for (int i = 0; i < pids.size(); i++) {
            json.append(i == 0 ? "" : ",").append(pids.get(i));
        }
        return json.append("],\"startedAt\":")
                .append(JsonText.quote(running.startedAt().toString()))
                .append('}')
                .toString();
    }

    static String stats(HostStats stats) {
        StringBuilder json = new StringBuilder(512)
                .append("{\"config\":{\"profile\":")
                .append(stats.profile() == null ? "null" : JsonText.quote(stats.profile()))
                .append(",\"workers\":")
                .append(stats.workers())
                .append("},\"cpuSeconds\":")
                .append(stats.cpuSeconds())
                .append(",\"rssBytes\":")
                .append(stats.rssBytes())
                .append(",\"requests\":")
                .append(stats.requests())
                .append(",\"workers\":[");
        for (int i = 0; i < stats.processes().size(); i++) {
            HostStats.ProcessStats process = stats.processes().get(i);
            json.append(i == 0 ? "" : ",")
                    .append("{\"pid\":")
                    .append(process.pid())
                    .append(",\"requests\":")
                    .append(process.requests())
                    .append(",\"cpuSeconds\":")
                    .append(process.cpuSeconds())
                    .append(",\"rssBytes\":")
                    .append(process.rssBytes())
                    .append('}');
        }
        return json.append("],\"calibration\":{\"iterationsPerMs\":")
                .append(stats.calibration().iterationsPerMs())
                .append(",\"method\":")
                .append(JsonText.quote(stats.calibration().method()))
                .append("},\"method\":")
                .append(JsonText.quote(stats.method()))
                .append(",\"sampledAt\":")
                .append(JsonText.quote(stats.sampledAt().toString()))
                .append('}')
                .toString();
    }

    static String problem(int status, String title, String detail, String pointer) {
        StringBuilder json = new StringBuilder("{\"type\":\"about:blank\",\"title\":")
                .append(JsonText.quote(title))
                .append(",\"status\":")
                .append(status)
                .append(",\"detail\":")
                .append(JsonText.quote(detail));
        if (pointer != null) {
            json.append(",\"pointer\":").append(JsonText.quote(pointer));
        }
        return json.append('}').toString();
    }
}
