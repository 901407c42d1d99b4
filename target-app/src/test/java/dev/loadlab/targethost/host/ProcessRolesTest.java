package dev.loadlab.targethost.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessRolesTest {
    @Test
    void gunicornsArbiterIsTheMasterAndItsChildrenAreWorkers() {
        Map<Long, String> roles = ProcessRoles.of(List.of(
                new ProcessRoles.Process(100, 1, "/usr/bin/python3 -m gunicorn -k sync -w 2 app:app"),
                new ProcessRoles.Process(101, 100, "/usr/bin/python3 -m gunicorn -k sync -w 2 app:app"),
                new ProcessRoles.Process(102, 100, "/usr/bin/python3 -m gunicorn -k sync -w 2 app:app")));

        assertThat(roles)
                .containsExactly(Map.entry(100L, "master"), Map.entry(101L, "worker"), Map.entry(102L, "worker"));
    }

    @Test
    void uvicornsResourceTrackerIsAHelperAndDoesNotMakeItsParentAMaster() {
        Map<Long, String> roles = ProcessRoles.of(List.of(
                new ProcessRoles.Process(200, 1, "/usr/bin/python3 -m uvicorn --workers 2 app:asgi"),
                new ProcessRoles.Process(
                        201, 200, "/usr/bin/python3 -c from multiprocessing.resource_tracker import main;main(5)"),
                new ProcessRoles.Process(202, 200, "/usr/bin/python3 -c from multiprocessing.spawn import spawn_main"),
                new ProcessRoles.Process(
                        203, 200, "/usr/bin/python3 -c from multiprocessing.spawn import spawn_main")));

        assertThat(roles)
                .containsExactly(
                        Map.entry(200L, "master"),
                        Map.entry(201L, "helper"),
                        Map.entry(202L, "worker"),
                        Map.entry(203L, "worker"));
    }

    @Test
    void aSingleProcessWithOnlyATrackerBesideItIsAWorker() {
        Map<Long, String> roles = ProcessRoles.of(List.of(
                new ProcessRoles.Process(300, 1, "/usr/bin/python3 app.py"),
                new ProcessRoles.Process(301, 300, "/usr/bin/python3 -c semaphore_tracker main")));

        assertThat(roles).containsExactly(Map.entry(300L, "worker"), Map.entry(301L, "helper"));
    }

    @Test
    void aParentOutsideTheAppDoesNotCountAndAnUnreadableCommandLineIsAWorker() {
        Map<Long, String> roles = ProcessRoles.of(List.of(new ProcessRoles.Process(400, 99, "")));

        assertThat(roles).containsExactly(Map.entry(400L, "worker"));
    }

    @Test
    void readsThisJvmsOwnCommandLine() {
        assertThat(ProcessRoles.commandLine(ProcessHandle.current().pid())).contains("java");
        assertThat(ProcessRoles.commandLine(-5)).isEmpty();
    }
}
