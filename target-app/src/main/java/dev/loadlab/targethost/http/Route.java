package dev.loadlab.targethost.http;

import dev.loadlab.targethost.work.Endpoint;

/**
 * Where {@link Routes#resolve} sent a request: what the reference app answers, before any front-end has encoded it. Each
 * front-end turns a case into its own response (the JDK {@code HttpServer} exchange, or raw HTTP/1.1 bytes) and counts
 * it in {@code RequestStats}; the decision itself, and every error text, is made once, in {@link Routes}. Immutable.
 */
public sealed interface Route {
    /**
     * The only {@link Health}: the cases without components are shared instances, so that routing {@code /health} and
     * {@code /stats} allocates nothing.
     */
    Health HEALTH = new Health();

    /** The only {@link Stats}, see {@link #HEALTH}. */
    Stats STATS = new Stats();

    /** The only {@link Login}, see {@link #HEALTH}. */
    Login LOGIN = new Login();

    /** The only {@link CreateItem}, see {@link #HEALTH}. */
    CreateItem CREATE_ITEM = new CreateItem();

    /** The only {@link ListItems}, see {@link #HEALTH}. */
    ListItems LIST_ITEMS = new ListItems();

    /** The only {@link Echo}, see {@link #HEALTH}. */
    Echo ECHO = new Echo();

    /** {@code GET /health}: answer {@code {"status":"UP"}}. Not counted. */
    record Health() implements Route {}

    /** {@code GET /stats}: answer the request counters. Not counted. */
    record Stats() implements Route {}

    /** {@code GET} on a workload endpoint: carry {@code endpoint} out, then answer 200 and count it. */
    record Perform(Endpoint endpoint) implements Route {}

    /**
     * A scenario endpoint ({@code dev.loadlab.targethost.shop.Shop} answers it), counted under {@link #countedAs()}. The
     * front-end reads the body (and, for {@link Echo}, every header) only for these.
     */
    sealed interface ShopCall extends Route {
        /** The key the answer is counted under, one of {@link Routes#COUNTED_PATHS}. */
        String countedAs();
    }

    /** {@code POST /login}. */
    record Login() implements ShopCall {
        @Override
        public String countedAs() {
            return Routes.LOGIN;
        }
    }

    /** {@code POST /items} (bearer). */
    record CreateItem() implements ShopCall {
        @Override
        public String countedAs() {
            return Routes.ITEMS;
        }
    }

    /** {@code GET /items} (bearer). */
    record ListItems() implements ShopCall {
        @Override
        public String countedAs() {
            return Routes.ITEMS;
        }
    }

    /** {@code GET /items/{id}} (bearer); {@code id} as it appeared in the path. */
    record ReadItem(String id) implements ShopCall {
        @Override
        public String countedAs() {
            return Routes.ITEM;
        }
    }

    /** {@code /echo}, any method. */
    record Echo() implements ShopCall {
        @Override
        public String countedAs() {
            return Routes.ECHO;
        }
    }

    /**
     * A method the path does not take: answer 405 with {@code Allow: allow}.
     *
     * @param detail the problem's detail, naming the method
     * @param countedAs the key it is counted under, or {@code null} on {@code /health} and {@code /stats}, which are not
     *     counted
     * @param allow the methods the path takes, e.g. {@code GET, POST}
     */
    record MethodNotAllowed(String detail, String countedAs, String allow) implements Route {}

    /** No such path: answer 404 with {@code detail}, which lists what the target serves. Not counted. */
    record NotFound(String detail) implements Route {}

    /**
     * A workload endpoint whose query is missing a parameter, repeats it or puts it out of bounds: answer 400 and count
     * it on the request's path.
     *
     * @param detail names the parameter and its bound; safe to show the client
     * @param parameter the offending query parameter, e.g. {@code ms}
     */
    record BadRequest(String detail, String parameter) implements Route {}
}
