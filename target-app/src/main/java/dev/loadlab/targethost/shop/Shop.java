package dev.loadlab.targethost.shop;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scenario endpoints, each a check -> act chain that ends in an {@link Answer}: {@code POST /login}, the
 * bearer-protected {@code POST /items}, {@code GET /items/{id}}, {@code GET /items}, and {@code /echo}. The caller (a
 * front-end) has already routed the request and bounded its body ({@code http.RequestParser#MAX_BODY_BYTES}); it
 * encodes and counts the answer. Error texts name the field or header and the rule. Thread-safe.
 */
public final class Shop {
    /** The largest page {@code GET /items?limit=N} serves. */
    public static final int MAX_LIST_LIMIT = 1000;

    private static final Pattern LIMIT = Pattern.compile("limit=(\\d{1,4})");

    /** The realm every 401 of a protected endpoint names in its {@code WWW-Authenticate} header. */
    public static final String CHALLENGE = "Bearer realm=\"loadlab-target\"";

    /** Longest user name {@code /login} accepts. */
    public static final int MAX_USER_LENGTH = 256;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final byte[] password;
    private final Tokens tokens;
    private final ItemStore items;
    private final Clock clock;

    public Shop(ShopSettings settings) {
        this(settings, Clock.systemUTC());
    }

    Shop(ShopSettings settings, Clock clock) {
        this.password = settings.loginPassword().getBytes(StandardCharsets.UTF_8);
        this.tokens = new Tokens(settings.tokenKey());
        this.items = new ItemStore(settings.itemsDirectory());
        this.clock = clock;
    }

    /** {@code POST /login} with {@code {"user","password"}}: 200 {@code {"token"}}, 401 wrong password, 400 bad body. */
    public Answer login(String contentType, byte[] body) {
        Answer refused = unsupported(contentType);
        if (refused != null) {
            return refused;
        }
        JsonNode login = parse(body);
        if (!(login instanceof ObjectNode)) {
            return badBody("the body must be a JSON object {\"user\": \"...\", \"password\": \"...\"}", "");
        }
        JsonNode user = login.get("user");
        if (user == null
                || !user.isTextual()
                || user.asText().isEmpty()
                || user.asText().length() > MAX_USER_LENGTH) {
            return badBody("user is required: a string of 1 to " + MAX_USER_LENGTH + " characters", "/user");
        }
        JsonNode given = login.get("password");
        if (given == null || !given.isTextual()) {
            return badBody("password is required: a string", "/password");
        }
        // Constant-time: the answer time must not reveal how much of a guessed password was right.
        if (!MessageDigest.isEqual(password, given.asText().getBytes(StandardCharsets.UTF_8))) {
            return Answer.problem(401, "Unauthorized", "wrong user or password", null);
        }
        ObjectNode token =
                JsonNodeFactory.instance.objectNode().put("token", tokens.issue(user.asText(), clock.instant()));
        return Answer.json(200, token.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code POST /items} with a JSON object: 201, {@code Location: /items/{id}}, the object with {@code "id"} first. */
    public Answer createItem(String authorization, String contentType, byte[] body) {
        Answer refused = unauthorized(authorization);
        if (refused == null) {
            refused = unsupported(contentType);
        }
        if (refused != null) {
            return refused;
        }
        JsonNode item = parse(body);
        if (!(item instanceof ObjectNode fields)) {
            return badBody("the body must be a JSON object", "");
        }
        String id = ItemStore.newId(clock.instant());
        ObjectNode stored = JsonNodeFactory.instance.objectNode().put("id", id);
        fields.properties().forEach(field -> {
            if (!field.getKey().equals("id")) {
                stored.set(field.getKey(), field.getValue());
            }
        });
        byte[] json = stored.toString().getBytes(StandardCharsets.UTF_8);
        items.put(id, json);
        return Answer.json(201, json).withHeader("Location", "/items/" + id);
    }

    /** {@code GET /items/{id}}: 200 the item, or 404. */
    public Answer readItem(String authorization, String id) {
        Answer refused = unauthorized(authorization);
        if (refused != null) {
            return refused;
        }
        byte[] item = items.get(id);
        return item == null ? Answer.problem(404, "Not Found", "no item " + shorten(id), null) : Answer.json(200, item);
    }

    /**
     * {@code GET /items}: 200, a JSON array of every item, oldest first; with {@code ?limit=N} (1 to
     * {@value #MAX_LIST_LIMIT}) the newest N only, still oldest first, as a page a user browses; 400 for another limit.
     */
    public Answer listItems(String authorization, String rawQuery) {
        Answer refused = unauthorized(authorization);
        if (refused != null) {
            return refused;
        }
        int limit = Integer.MAX_VALUE;
        if (rawQuery != null && !rawQuery.isEmpty()) {
            Matcher m = LIMIT.matcher(rawQuery);
            if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > MAX_LIST_LIMIT) {
                return Answer.problem(
                        400, "Bad Request", "the query must be limit=N with N from 1 to " + MAX_LIST_LIMIT, null);
            }
            limit = Integer.parseInt(m.group(1));
        }
        List<byte[]> all = items.newest(limit);
        ByteArrayOutputStream array = new ByteArrayOutputStream(2 + all.size() * 64);
        array.write('[');
        for (int i = 0; i < all.size(); i++) {
            if (i > 0) {
                array.write(',');
            }
            array.writeBytes(all.get(i));
        }
        array.write(']');
        return Answer.json(200, array.toByteArray());
    }

    /**
     * {@code /echo}, any method, no authentication: 200 {@code {"method","path","query","headers","body"}}; {@code
     * query} is the raw query or {@code null}, {@code headers} maps lower-cased names to values, {@code body} is the
     * body as UTF-8 text.
     */
    public static Answer echo(String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {
        ObjectNode echo = JsonNodeFactory.instance.objectNode();
        echo.put("method", method).put("path", path).put("query", rawQuery);
        ObjectNode headerNode = echo.putObject("headers");
        headers.forEach((name, value) -> headerNode.put(name.toLowerCase(Locale.ROOT), value));
        echo.put("body", new String(body, StandardCharsets.UTF_8));
        return Answer.json(200, echo.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Answer unauthorized(String authorization) {
        String detail;
        if (authorization == null) {
            detail = "send Authorization: Bearer TOKEN with a token from POST /login";
        } else if (authorization.length() < 8 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            detail = "the Authorization header must be 'Bearer TOKEN' with a token from POST /login";
        } else if (tokens.verify(authorization.substring(7).strip()) == null) {
            detail = "the bearer token is not one this host issued; get one from POST /login";
        } else {
            return null;
        }
        return Answer.problem(401, "Unauthorized", detail, null).withHeader("WWW-Authenticate", CHALLENGE);
    }

    /** A 415 unless the body is declared JSON (or not declared at all). */
    private static Answer unsupported(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"))) {
            return null;
        }
        return Answer.problem(
                415, "Unsupported Media Type", "the body must be application/json, was '" + shorten(type) + "'", null);
    }

    /** The body as a JSON tree, or {@code null} if it is not one JSON document. */
    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null; // malformed JSON, trailing garbage or a duplicate key
        }
    }

    private static Answer badBody(String detail, String pointer) {
        return Answer.problem(400, "Bad Request", detail, pointer);
    }

    private static String shorten(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "...";
    }
}
