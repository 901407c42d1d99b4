package dev.loadlab.protocol.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Messages agents send to the coordinator, through the coordinator's inbox queue. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Hello.class, name = "hello"),
    @JsonSubTypes.Type(value = Ready.class, name = "ready"),
    @JsonSubTypes.Type(value = Interval.class, name = "interval"),
    @JsonSubTypes.Type(value = StepResult.class, name = "step-result")
})
public sealed interface ToCoordinator permits Hello, Ready, Interval, StepResult {}
