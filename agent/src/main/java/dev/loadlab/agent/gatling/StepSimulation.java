package dev.loadlab.agent.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.onCase;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.RequestSpec;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one Gatling simulation LoadLab runs, built from the {@link RunContext} installed by {@link GatlingStepRunner}.
 * Public only because Gatling instantiates it by class name; never start it any other way.
 *
 * <p>Each request a user sends goes: pick a request by weight and count it as sent; send it, with a status check that
 * saves the status and a response-time check that records status and time (Gatling runs status checks before time
 * checks, whatever the declaration order); then, if no status was saved, the request got no HTTP response and counts as
 * a transport error. Loops never exit mid-request ({@code exitASAP = false}), so every request sent is accounted for.
 */
public final class StepSimulation extends Simulation {
    private static final String PICKED = "loadlab.picked";
    private static final String STATUS = "loadlab.status";

    public StepSimulation() {
        RunContext run = RunContext.current();
        StepPlan plan = run.plan();
        HttpProtocolBuilder protocol = http.baseUrl(plan.baseUrl())
                // Gatling's default warm-up calls https://gatling.io; agents may have no internet and it is not load.
                .disableWarmUp()
                // One recorded request must be exactly one HTTP exchange: no cache hits, no hidden redirect hops.
                .disableCaching()
                .disableFollowRedirect();
        PopulationBuilder population;
        if (plan.model() == LoadModel.CLOSED) {
            // Each user keeps its own connection, like a client with one connection looping.
            population = scenario("closed")
                    .asLongAsDuring(session -> !run.stopRequested(), plan.total(), false)
                    .on(oneRequest(run))
                    .injectOpen(atOnceUsers(plan.users()));
        } else {
            // Arrivals share a pool: a new TCP connection per arrival would measure the handshake, not the API.
            protocol = protocol.shareConnections();
            population = scenario("open")
                    .doIfOrElse(session -> run.stopRequested())
                    .then(stopLoadGeneratorIf("stopped by LoadLab", session -> run.claimStop()))
                    .orElse(oneRequest(run))
                    .injectOpen(constantUsersPerSec(plan.rate()).during(plan.total()));
        }
        setUp(population).protocols(protocol);
    }

    private static ChainBuilder oneRequest(RunContext run) {
        List<RequestSpec> requests = run.plan().requests();
        ChainBuilder pick = exec(session -> {
            int picked = run.picker().pick(ThreadLocalRandom.current());
            run.recorder().sent(picked);
            // A status left from this user's previous request would hide a transport error on this one.
            return session.set(PICKED, picked).remove(STATUS);
        });
        ChainBuilder send;
        if (requests.size() == 1) {
            // Gatling's doSwitch refuses fewer than two cases.
            send = pick.exec(request(run, 0, requests.get(0)));
        } else {
            List<Choice.WithKey> choices = new ArrayList<>(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                choices.add(onCase(i).then(exec(request(run, i, requests.get(i)))));
            }
            send = pick.doSwitch(session -> session.getInt(PICKED)).on(choices);
        }
        return send.exec(session -> {
            if (!session.contains(STATUS)) {
                run.recorder().noResponse(session.getInt(PICKED));
            }
            return session;
        });
    }

    private static HttpRequestActionBuilder request(RunContext run, int index, RequestSpec spec) {
        String path = spec.path();
        // The path is given as a function so that Gatling does not read "#{...}" in it as its expression language.
        return http(spec.name())
                .httpRequest(spec.method(), session -> path)
                .check(status().saveAs(STATUS), responseTimeInMillis().transformWithSession((millis, session) -> {
                    run.recorder().answered(index, session.getInt(STATUS), millis);
                    return millis;
                }));
    }
}
