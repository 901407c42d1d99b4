package dev.loadlab.coordinator.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetCapacityTest {
    @Test
    void builtInProfilesUseOneCorePerWorkerUpToTheMachine() {
        assertThat(TargetCapacity.cores("multi-process", 2, 8)).isEqualTo(2.0);
        assertThat(TargetCapacity.cores("async", 16, 8)).isEqualTo(8.0);
        assertThat(TargetCapacity.cores("green", 1, 8)).isEqualTo(1.0);
        assertThat(TargetCapacity.cores("threaded", 4, 2)).isEqualTo(2.0);
    }

    @Test
    void theInterpreterLockAllowsOneCoreWhateverW() {
        assertThat(TargetCapacity.cores("threaded-gil", 16, 8)).isEqualTo(1.0);
    }

    @Test
    void aCommandProfileOrTheTargetAsItIsIsBoundedByTheMachineOnly() {
        assertThat(TargetCapacity.cores("gunicorn-sync", 2, 8)).isEqualTo(8.0);
        assertThat(TargetCapacity.cores(null, null, 2)).isEqualTo(2.0);
        assertThat(TargetCapacity.cores("multi-process", null, 4)).isEqualTo(4.0);
    }
}
