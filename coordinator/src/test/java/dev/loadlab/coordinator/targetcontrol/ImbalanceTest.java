package dev.loadlab.coordinator.targetcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.coordinator.model.TargetUsage.WorkerUsage;
import dev.loadlab.protocol.scenario.Connections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImbalanceTest {
    private static WorkerUsage worker(long pid, double cpu) {
        return new WorkerUsage(pid, "worker", cpu, null, null);
    }

    @Test
    void keepAliveConnectionsOnOneWorkerAreNamedWithTheFigures() {
        String note = Imbalance.note(
                List.of(new WorkerUsage(10, "master", 0.5, 0.2, null), worker(11, 4.8), worker(12, 0.2)),
                Connections.PER_USER,
                32);

        assertThat(note)
                .isEqualTo("one of 2 workers did 96 % of the work: keep-alive connections stay on the worker that"
                        + " accepted them (connections: per-user); try \"connections\": \"close-each\" to spread them;"
                        + " pid 11 used 4.80 of the workers' 5.00 CPU s (an even share is 50 %)");
    }

    @Test
    void aSharedPoolIsKeepAliveToo() {
        assertThat(Imbalance.note(List.of(worker(1, 3), worker(2, 1)), Connections.SHARED, null))
                .startsWith("one of 2 workers did 75 % of the work: keep-alive connections")
                .contains("(connections: shared)");
    }

    @Test
    void fewerUsersThanWorkersIsTheCauseAndIdleWorkersAreNamed() {
        String note = Imbalance.note(
                List.of(worker(1, 2.0), worker(2, 2.0), worker(3, 0.01), worker(4, 0.0)), Connections.PER_USER, 2);

        assertThat(note)
                .startsWith("one of 4 workers did 50 % of the work: only 2 users for 4 workers")
                .endsWith("; idle (under 2 %): pids 3, 4");
    }

    @Test
    void closeEachBlamesTheKernelsSpread() {
        assertThat(Imbalance.note(List.of(worker(1, 1.6), worker(2, 0.4)), Connections.CLOSE_EACH, 8))
                .startsWith("one of 2 workers did 80 % of the work: the kernel handed new connections unevenly");
    }

    @Test
    void anUnknownConnectionBehaviourSaysSo() {
        assertThat(Imbalance.note(List.of(worker(1, 1.6), worker(2, 0.4)), null, null))
                .contains("the cause is unknown");
    }

    @Test
    void anEvenEnoughSpreadHasNoNote() {
        // 74 % of 2 is below 1.5 × the even 50 %.
        assertThat(Imbalance.note(List.of(worker(1, 0.74), worker(2, 0.26)), Connections.PER_USER, 32))
                .isNull();
        assertThat(Imbalance.note(List.of(worker(1, 0.75), worker(2, 0.25)), Connections.PER_USER, 32))
                .isNotNull();
    }

    @Test
    void fewerThanTwoWorkersNegligibleCpuOrUnknownCpuHaveNoNote() {
        assertThat(Imbalance.note(
                        List.of(new WorkerUsage(1, "master", 5.0, 0.5, null), worker(2, 5.0)),
                        Connections.PER_USER,
                        32))
                .as("a master does not count as a worker")
                .isNull();
        assertThat(Imbalance.note(List.of(worker(1, 0.19), worker(2, 0.0)), Connections.PER_USER, 32))
                .as("under 0.2 CPU s in all")
                .isNull();
        assertThat(Imbalance.note(
                        List.of(
                                new WorkerUsage(1, "worker", null, null, 90L),
                                new WorkerUsage(2, "worker", null, null, 10L)),
                        Connections.PER_USER,
                        32))
                .as("a step stored before per-process CPU")
                .isNull();
        assertThat(Imbalance.note(
                        List.of(worker(1, 3.0), new WorkerUsage(2, "helper", 0.0, 0.0, null)),
                        Connections.PER_USER,
                        32))
                .isNull();
    }
}
