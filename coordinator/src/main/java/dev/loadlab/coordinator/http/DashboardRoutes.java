package dev.loadlab.coordinator.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The dashboard: a fixed set of static files (HTML, two ES modules, CSS, the vendored uPlot chart library) from the classpath under
 * {@value #RESOURCES}, served at {@value #PATH} without authentication because they hold no data; every figure the
 * dashboard shows comes from the REST API, which the page calls with the user's bearer token. {@code /} redirects
 * here.
 *
 * <p>The files are read once, at start-up, into memory, and served only by their exact names (no directory listing,
 * no path resolution, nothing written to disk). Each answer carries a strict Content-Security-Policy: scripts, styles
 * and API calls from this origin only, no inline script, no framing. Browsers revalidate with the file's ETag, so a new
 * coordinator version is picked up at once. Immutable and thread-safe.
 */
public final class DashboardRoutes {
    public static final String PATH = "/dashboard/";
    private static final String ROOT = "/dashboard";
    static final String RESOURCES = "dev/loadlab/coordinator/dashboard/";

    /** The content type of each file served, in the order registered; {@code index.html} is also served at PATH. */
    private static final Map<String, String> FILES = files();

    /**
     * Every route this class adds, as {@code "METHOD /path"} like {@link HttpApi#routes()}: not part of the REST API,
     * so openapi.yaml does not list them (OpenApiIT leaves exactly these out of its comparison).
     */
    public static final List<String> ROUTES = Stream.concat(
                    Stream.of("GET /", "GET " + ROOT), FILES.keySet().stream().map(name -> "GET " + PATH + name))
            .toList();

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private record Asset(String contentType, Buffer body, String etag) {}

    private DashboardRoutes() {}

    private static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("index.html", "text/html; charset=utf-8");
        files.put("app.js", "text/javascript; charset=utf-8");
        files.put("lib.js", "text/javascript; charset=utf-8");
        files.put("style.css", "text/css; charset=utf-8");
        // uPlot, vendored unchanged (its README there says from where): the charts, nothing fetched at run time.
        files.put("uplot/uPlot.iife.min.js", "text/javascript; charset=utf-8");
        files.put("uplot/uPlot.min.css", "text/css; charset=utf-8");
        return files;
    }

    /** The dashboard's routes for {@link HttpApi}'s route table; they must come before the router's catch-all 404. */
    static List<Route> routes() {
        Map<String, Asset> assets = new LinkedHashMap<>();
        FILES.forEach((name, type) -> assets.put(name, load(name, type)));
        List<Route> routes = new ArrayList<>();
        routes.add(Route.get("/", ctx -> redirect(ctx, PATH)));
        // Vert.x matches "/dashboard" with or without a trailing slash (but "/dashboard/" only with one), so one
        // handler tells them apart: the page's relative links (app.js, style.css) resolve only under the slash.
        Asset index = assets.get("index.html");
        routes.add(Route.get(ROOT, ctx -> {
            if (ctx.request().path().endsWith("/")) {
                serve(ctx, index);
            } else {
                redirect(ctx, PATH);
            }
        }));
        assets.forEach((name, asset) -> routes.add(Route.get(PATH + name, ctx -> serve(ctx, asset))));
        return List.copyOf(routes);
    }

    /**
     * The dashboard's page for one run under {@code httpUrl} (the coordinator's base URL). The fragment is the
     * dashboard's route; a bearer token can be appended as {@code ?token=…} (the browser never sends a fragment to the
     * server, and the page moves the token into session storage and out of the address bar).
     */
    public static String runLink(String httpUrl, String runId) {
        return httpUrl + PATH + "#/runs/" + runId;
    }

    private static void redirect(RoutingContext ctx, String location) {
        ctx.response()
                .setStatusCode(302)
                .putHeader("Location", location)
                .putHeader("Cache-Control", "no-store")
                .end();
    }

    private static void serve(RoutingContext ctx, Asset asset) {
        ctx.response()
                .putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("ETag", asset.etag());
        if (asset.etag().equals(ctx.request().getHeader("If-None-Match"))) {
            ctx.response().setStatusCode(304).end();
        } else {
            ctx.response().putHeader("Content-Type", asset.contentType()).end(asset.body());
        }
    }

    private static Asset load(String name, String contentType) {
        try (InputStream in = DashboardRoutes.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard file " + RESOURCES + name + " is not on the classpath");
            }
            byte[] bytes = in.readAllBytes();
            String etag = "\""
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16) + "\"";
            return new Asset(contentType, Buffer.buffer(bytes), etag);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the dashboard file " + name, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
