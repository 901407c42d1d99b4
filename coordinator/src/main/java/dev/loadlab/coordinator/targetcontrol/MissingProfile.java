package dev.loadlab.coordinator.targetcontrol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.protocol.Json;
import java.util.List;

/**
 * The plain reason a step gives when its target host does not have the profile the scenario names (the host answers
 * {@code PUT /control/config} with a 400 that blames {@code /profile}), with what to do about it: for the real Python
 * servers of the built-in {@code py-gil-*} scenarios, start the host with {@code ./loadlab target --python}; for any
 * other name, add it to the host's profiles file. Stateless.
 */
public final class MissingProfile {
    /** The command profiles of the Python twin's profiles file, which {@code ./loadlab target --python} loads. */
    public static final List<String> PYTHON_PROFILES =
            List.of("gunicorn-sync", "gunicorn-gthread", "uvicorn", "gevent");

    /** The JSON pointer the control API names when the profile is one it does not have. */
    static final String PROFILE_POINTER = "/profile";

    private MissingProfile() {}

    /** True when the control API's answer says the profile is not one of the host's. */
    static boolean isMissingProfile(int status, String body) {
        if (status != 400 || body == null || body.isBlank()) {
            return false;
        }
        try {
            JsonNode problem = Json.lenient().readTree(body);
            return PROFILE_POINTER.equals(problem.path("pointer").asText(null));
        } catch (JsonProcessingException e) {
            return false; // not a problem body: the caller keeps the raw answer
        }
    }

    /**
     * "profile gunicorn-sync is not on this target host (it has multi-process, …): start it with ./loadlab target
     * --python, …".
     *
     * @param hostProfiles what the host has, or an empty list when that could not be read
     */
    static String reason(String profile, List<String> hostProfiles) {
        String has = hostProfiles.isEmpty() ? "" : " (it has " + String.join(", ", hostProfiles) + ")";
        String todo = PYTHON_PROFILES.contains(profile)
                ? "start it with ./loadlab target --python, which adds the real Python servers "
                        + String.join(", ", PYTHON_PROFILES)
                : "add it as a command profile to the target host's profiles file (--profiles-file)";
        return "profile " + profile + " is not on this target host" + has + ": " + todo;
    }
}
