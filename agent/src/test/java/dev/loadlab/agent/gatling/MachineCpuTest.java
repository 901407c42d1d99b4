package dev.loadlab.agent.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineCpuTest {
    @Test
    void busyIsTotalLessIdleAndIowait() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        MachineCpu.Sample sample = MachineCpu.parse("cpu  100 10 40 800 50 0 0 0 30 0");
        assertThat(sample).isEqualTo(new MachineCpu.Sample(150, 1000));
    }

    @Test
    void shareIsBusyTicksOverAllTicksBetweenTwoSamples() {
        MachineCpu.Sample from = new MachineCpu.Sample(150, 1000);
        assertThat(MachineCpu.share(from, new MachineCpu.Sample(250, 1200))).isEqualTo(0.5);
        assertThat(MachineCpu.share(from, new MachineCpu.Sample(150, 1100))).isEqualTo(0.0);
    }

    @Test
    void unknownOrNoTickPassedGivesNull() {
        MachineCpu.Sample from = new MachineCpu.Sample(150, 1000);
        assertThat(MachineCpu.share(MachineCpu.Sample.UNKNOWN, from)).isNull();
        assertThat(MachineCpu.share(from, from)).isNull();
        assertThat(MachineCpu.parse("intr 1 2 3")).isEqualTo(MachineCpu.Sample.UNKNOWN);
    }

    @Test
    void anUnreadableFileIsUnknown(@TempDir Path dir) throws Exception {
        assertThat(MachineCpu.sample(dir.resolve("missing"))).isEqualTo(MachineCpu.Sample.UNKNOWN);
        Path stat = dir.resolve("stat");
        Files.writeString(stat, "cpu  1 2 3 4 5 6 7 8 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n");
        assertThat(MachineCpu.sample(stat)).isEqualTo(new MachineCpu.Sample(27, 36));
    }

    @Test
    void thisMachineReportsItsTicksWhereThereIsProc() {
        MachineCpu.Sample sample = MachineCpu.sample();
        if (Files.isReadable(MachineCpu.PROC_STAT)) {
            assertThat(sample.known()).isTrue();
            assertThat(sample.busyTicks()).isBetween(0L, sample.totalTicks());
        }
    }
}
