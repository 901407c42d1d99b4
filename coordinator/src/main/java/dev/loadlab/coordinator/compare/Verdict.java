package dev.loadlab.coordinator.compare;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a comparison concluded about one matched step's throughput. Written in JSON as its words. Immutable. */
public enum Verdict {
    IMPROVED("improved"),
    REGRESSED("regressed"),
    NO_SIGNIFICANT_CHANGE("no significant change"),
    INSUFFICIENT_DATA("insufficient data");

    private final String words;

    Verdict(String words) {
        this.words = words;
    }

    @JsonValue
    public String words() {
        return words;
    }
}
