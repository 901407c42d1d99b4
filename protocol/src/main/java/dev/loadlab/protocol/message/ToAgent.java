package dev.loadlab.protocol.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Messages the coordinator sends to one agent, through that agent's inbox queue. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Welcome.class, name = "welcome"),
    @JsonSubTypes.Type(value = Refused.class, name = "refused"),
    @JsonSubTypes.Type(value = Assignment.class, name = "assignment"),
    @JsonSubTypes.Type(value = Start.class, name = "start"),
    @JsonSubTypes.Type(value = Cancel.class, name = "cancel"),
    @JsonSubTypes.Type(value = ResultAck.class, name = "result-ack")
})
public sealed interface ToAgent permits Welcome, Refused, Assignment, Start, Cancel, ResultAck {}
