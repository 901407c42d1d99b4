package dev.loadlab.protocol.control;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a profile is built into the target host or a command line from its config file. */
public enum ProfileKind {
    @JsonProperty("built-in")
    BUILT_IN,
    @JsonProperty("command")
    COMMAND
}
