package dev.loadlab.targethost.worker;

import java.util.Locale;

/** How a worker process schedules requests; each is one front-end over the shared HTTP core. */
public enum Model {
    /**
     * N platform threads, each accepting one connection and serving it to the end with blocking calls; an {@code /io}
     * wait is a blocking sleep. Like a Gunicorn sync worker (one thread) or a threaded worker (N threads).
     */
    BLOCKING("blocking"),
    /** One thread running a selector loop; an {@code /io} wait is a timer, {@code /cpu} blocks the loop (Uvicorn). */
    EVENT_LOOP("event-loop"),
    /** One virtual thread per connection on a single carrier; a wait parks the virtual thread (Gevent). */
    VIRTUAL("virtual");

    private final String flag;

    Model(String flag) {
        this.flag = flag;
    }

    /** The command-line spelling, e.g. {@code event-loop}. */
    public String flag() {
        return flag;
    }

    /** Parses the command-line spelling; the error lists the allowed values. */
    public static Model parse(String text) {
        for (Model model : values()) {
            if (model.flag.equals(text.toLowerCase(Locale.ROOT))) {
                return model;
            }
        }
        throw new IllegalArgumentException("--model must be one of blocking, event-loop, virtual, was '" + text + "'");
    }
}
