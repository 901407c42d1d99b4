package dev.loadlab.coordinator.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Lets a request through only with {@code Authorization: Bearer <the API token>}; anything else fails with
 * {@link ApiException.Unauthorized} (401, the problem shape, {@code WWW-Authenticate: Bearer}). The comparison takes the
 * same time whatever the offered token. Paths in {@code open} (documents holding no data) pass without a token.
 * Stateless apart from the token.
 */
final class BearerAuth implements Handler<RoutingContext> {
    private static final String PREFIX = "Bearer ";

    private final byte[] token;
    private final Set<String> open;

    BearerAuth(String token, Set<String> open) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.open = Set.copyOf(open);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (open.contains(ctx.request().path())) {
            ctx.next();
            return;
        }
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            ctx.fail(new ApiException.Unauthorized(
                    "this API needs the header Authorization: Bearer <token>; the token is the coordinator's"
                            + " --api-token, or the one it keeps in <data-dir>/" + ApiTokenFile.NAME));
            return;
        }
        byte[] offered = header.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(offered, token)) {
            ctx.fail(new ApiException.Unauthorized("the bearer token is not this coordinator's API token"));
            return;
        }
        ctx.next();
    }
}
