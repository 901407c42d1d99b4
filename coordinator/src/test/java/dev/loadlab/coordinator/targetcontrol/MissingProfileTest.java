package dev.loadlab.coordinator.targetcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A host that lacks the scenario's profile says so plainly, with what to start; other refusals are left as they are. */
class MissingProfileTest {
    /** What the target host's control API answers for {@code {"profile": "gunicorn-sync", "workers": 1}} today. */
    private static final String UNKNOWN = """
            {"type":"about:blank","title":"Bad Request","status":400,
             "detail":"profile must be one of [multi-process, threaded-gil, threaded, async, green], was 'gunicorn-sync'",
             "pointer":"/profile"}
            """;

    @Test
    void aRefusalThatBlamesTheProfileIsAMissingProfile() {
        assertThat(MissingProfile.isMissingProfile(400, UNKNOWN)).isTrue();
    }

    @Test
    void otherRefusalsAreNot() {
        assertThat(MissingProfile.isMissingProfile(400, UNKNOWN.replace("/profile", "/workers")))
                .isFalse();
        assertThat(MissingProfile.isMissingProfile(503, UNKNOWN)).isFalse();
        assertThat(MissingProfile.isMissingProfile(400, "<html>bad gateway</html>"))
                .isFalse();
        assertThat(MissingProfile.isMissingProfile(400, "")).isFalse();
        assertThat(MissingProfile.isMissingProfile(400, null)).isFalse();
    }

    @Test
    void aPythonProfileSaysToStartTheHostWithPython() {
        assertThat(MissingProfile.reason("gunicorn-sync", List.of("multi-process", "async")))
                .isEqualTo("profile gunicorn-sync is not on this target host (it has multi-process, async): start it"
                        + " with ./loadlab target --python, which adds the real Python servers gunicorn-sync,"
                        + " gunicorn-gthread, uvicorn, gevent");
    }

    @Test
    void anyOtherProfileSaysToAddItToTheProfilesFileAndAnUnknownListIsLeftOut() {
        assertThat(MissingProfile.reason("granian", List.of()))
                .isEqualTo("profile granian is not on this target host: add it as a command profile to the target"
                        + " host's profiles file (--profiles-file)");
    }
}
