package dev.loadlab.targethost.http;

import dev.loadlab.targethost.shop.Answer;
import dev.loadlab.targethost.shop.Shop;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Hands a routed scenario request to the {@link Shop}, the same way for every front-end; a storage failure becomes a
 * 500 problem that names no file (the client cannot act on it). Stateless.
 */
public final class ShopCalls {
    private ShopCalls() {}

    /**
     * The answer to {@code call}.
     *
     * @param headers every header, lower-cased names; asked for only by {@code /echo}
     * @param body the request's body, already bounded by the front-end
     */
    public static Answer answer(
            Route.ShopCall call,
            Shop shop,
            String method,
            String path,
            String rawQuery,
            String authorization,
            String contentType,
            Supplier<Map<String, String>> headers,
            byte[] body) {
        try {
            return switch (call) {
                case Route.Login login -> shop.login(contentType, body);
                case Route.CreateItem create -> shop.createItem(authorization, contentType, body);
                case Route.ListItems list -> shop.listItems(authorization, rawQuery);
                case Route.ReadItem read -> shop.readItem(authorization, read.id());
                case Route.Echo echo -> Shop.echo(method, path, rawQuery, headers.get(), body);
            };
        } catch (UncheckedIOException e) {
            return Answer.problem(500, "Internal Server Error", "the target could not store or read items", null);
        }
    }
}
