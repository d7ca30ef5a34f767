package io.coinwatch.fundamental;

import java.util.function.Function;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.TryDefinition;

/**
 * Not a route: the helper that declares, on a route builder, the shape every fundamental collection run shares:
 * start a {@link FundamentalRun}, do the work, publish what it did; and when the work stops (the vendor still failing
 * after the call retries, a used-up monthly budget, the database) report it as system.error and in a
 * fundamental.updated event with what did get done. Nothing is lost by stopping: what was collected is stored, and the next run (or symbol event) starts from the database.
 * A doTry rather than a route configuration, because a failure that comes back from a call route has been through
 * that route's error handler already, and Camel does not hand it to the calling route's onException again.
 */
public final class FundamentalRunDefinitions {

    public static final String RUN = "${exchangeProperty." + FundamentalRun.PROPERTY + "}";

    private FundamentalRunDefinitions() {
    }

    /**
     * A flow over every collected coin: direct:&lt;name&gt; (route &lt;name&gt;) hands the collected coin ids to
     * {@code target}, and quartz:fundamental-data/&lt;name&gt; (route &lt;name&gt;-schedule) triggers it on the cron
     * of {@code cronProperty}.
     */
    public static void forCollectedCoins(RouteBuilder routes, String name, String cronProperty, String target) {
        routes.from("quartz:fundamental-data/" + name + "?cron={{" + cronProperty + "}}")
                .routeId(name + "-schedule").routeGroup("fundamental-data")
                .to("direct:" + name);
        routes.from("direct:" + name).routeId(name).routeGroup("fundamental-data")
                .bean("coinMappingStore", "collectedCoins")
                .to(target);
    }

    /**
     * from(uri) as route routeId: the run of this kind, reading source, with the given work.
     *
     * @param work the steps, appended to the doTry; returns the last definition of them
     */
    public static void define(RouteBuilder routes, String uri, String routeId, String kind, String source,
                       Function<TryDefinition, ProcessorDefinition<?>> work) {
        TryDefinition attempt = routes.from(uri).routeId(routeId).routeGroup("fundamental-data")
                .setProperty(FundamentalRun.PROPERTY, routes.method("fundamentalRuns", "start('" + kind + "', '" + source + "')"))
                .doTry();
        work.apply(attempt)
                .bean("fundamentalRuns", "finish(" + RUN + ")")
                .endDoTry()
                .doCatch(Exception.class)
                    .bean("fundamentalRuns", "failed(" + RUN + ", ${exception})")
                .end();
    }
}
