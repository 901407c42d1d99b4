package dev.loadlab.protocol.control;

import java.util.List;

/**
 * The body of {@code GET /control/profiles}: every profile the host can run, in the host's order. Immutable.
 *
 * @param profiles one entry per profile
 */
public record ProfileList(List<Entry> profiles) {
    public ProfileList {
        profiles = List.copyOf(profiles);
    }

    /**
     * One profile.
     *
     * @param name what {@link ConfigRequest#profile()} names
     * @param kind built in, or a command
     * @param description one line for an operator
     */
    public record Entry(String name, ProfileKind kind, String description) {}
}
