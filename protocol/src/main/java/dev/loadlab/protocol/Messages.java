package dev.loadlab.protocol;

import dev.loadlab.protocol.message.ToAgent;
import dev.loadlab.protocol.message.ToCoordinator;

/** Encodes the cluster's messages as JSON strings and back. Stateless and thread-safe. */
public final class Messages {
    private Messages() {}

    public static String encode(ToAgent message) {
        return Json.write(message);
    }

    public static String encode(ToCoordinator message) {
        return Json.write(message);
    }

    public static ToAgent toAgent(String json) {
        return Json.read(json, ToAgent.class);
    }

    public static ToCoordinator toCoordinator(String json) {
        return Json.read(json, ToCoordinator.class);
    }
}
