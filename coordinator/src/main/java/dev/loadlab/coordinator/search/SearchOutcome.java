package dev.loadlab.coordinator.search;

import dev.loadlab.protocol.scenario.Slo;
import java.util.List;

/**
 * What a search found: the knee (the highest probed rate that met the SLO, null when none did), the probe that
 * measured it, a plain sentence on how the search ended, the SLO it searched against, and every probe in the order it
 * ran. Immutable.
 */
public record SearchOutcome(Double kneeRateRps, Integer kneeProbe, String note, Slo slo, List<Probe> probes) {
    public SearchOutcome {
        probes = List.copyOf(probes);
    }
}
