package dev.loadlab.coordinator.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GuardedObserverTest {
    @Test
    void anObserverThatThrowsDoesNotStopTheCallerAndIsStillToldTheNextThing() {
        List<String> told = new ArrayList<>();
        RunObserver failing = new RunObserver() {
            @Override
            public void storageFailed(String operation) {
                told.add(operation);
                throw new IllegalArgumentException("label value must not be null");
            }

            @Override
            public void runEnded(UUID runId) {
                told.add("ended");
            }
        };
        RunObserver guarded = GuardedObserver.of(failing);

        assertThatCode(() -> guarded.storageFailed("store a step")).doesNotThrowAnyException();
        guarded.runEnded(UUID.randomUUID());

        assertThat(told).containsExactly("store a step", "ended");
    }

    @Test
    void guardingTwiceOrGuardingNobodyAddsNothing() {
        RunObserver guarded = GuardedObserver.of(new RunObserver() {});

        assertThat(GuardedObserver.of(guarded)).isSameAs(guarded);
        assertThat(GuardedObserver.of(RunObserver.NONE)).isSameAs(RunObserver.NONE);
    }
}
