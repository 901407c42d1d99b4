package dev.loadlab.targethost.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CpuWorkTest {
    @Test
    void calibrationMeasuresAPositiveRateAndSaysHow() {
        CpuCalibration calibration = CpuWork.calibrate().calibration();

        assertThat(calibration.iterationsPerMs()).isPositive();
        assertThat(calibration.method()).contains("best of").contains("warm-up");
    }

    @Test
    void theSharedCalibrationIsMeasuredOnce() {
        assertThat(CpuWork.calibrated()).isSameAs(CpuWork.calibrated());
    }

    @Test
    void theLoopIsAPureFunctionOfSeedAndIterations() {
        assertThat(CpuWork.compute(42, 100_000)).isEqualTo(CpuWork.compute(42, 100_000));
        assertThat(CpuWork.compute(42, 100_000)).isNotEqualTo(CpuWork.compute(43, 100_000));
        assertThat(CpuWork.compute(42, 100_000)).isNotEqualTo(CpuWork.compute(42, 100_001));
        assertThat(CpuWork.compute(42, 0)).isEqualTo(42);
    }

    @Test
    void burnRunsMillisecondsTimesTheCalibratedRate() {
        CpuWork work = CpuWork.of(new CpuCalibration(1_000, "given by the test"));

        assertThat(work.iterationsFor(3)).isEqualTo(3_000);
        assertThat(work.burn(3, 7)).isEqualTo(CpuWork.compute(7, 3_000));
        assertThatThrownBy(() -> work.iterationsFor(-1)).hasMessage("ms must be >= 0, was -1");
    }

    @Test
    void aCalibrationMustBePositiveAndExplained() {
        assertThatThrownBy(() -> new CpuCalibration(0, "x")).hasMessage("iterationsPerMs must be >= 1, was 0");
        assertThatThrownBy(() -> new CpuCalibration(5, " ")).hasMessage("method must not be blank");
    }
}
