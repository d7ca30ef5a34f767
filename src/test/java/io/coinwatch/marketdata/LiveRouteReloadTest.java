package io.coinwatch.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.coinwatch.simulator.SimulatorServer;
import io.coinwatch.support.CoinwatchIntegrationTest;

/**
 * Adding a data source by adding a route file, as docs/adding-a-source.md does it: the guide's example file
 * (docs/examples/binanceus.yaml, exactly as published) is dropped into the folder the test profile watches while the
 * suite's context runs. Its routes start, collect, and take a change to the file, and no other route is touched.
 */
@CoinwatchIntegrationTest
class LiveRouteReloadTest {

    private static final Path EXAMPLE = Path.of("docs/examples/binanceus.yaml");
    private static final Path WATCHED = Path.of("target/test-classes/live-routes");
    private static final List<String> EXAMPLE_ROUTES = List.of("binanceus-request", "binanceus-listing", "binanceus-first-candle",
            "binanceus-kline-page");
    private static final long STEP = CandleInterval.BASE_MILLIS;

    @Autowired CamelContext context;
    @Autowired ProducerTemplate camel;
    @Autowired JdbcTemplate jdbc;
    @Autowired SymbolCatalog symbols;
    @Autowired SimulatorServer simulator;

    /**
     * The watcher only adds and replaces (a deleted file leaves its routes running, as in a running app), so the test
     * removes the file's routes itself, and delists the symbols they found: the suite's shared context goes on without them.
     */
    @AfterEach
    void removeTheFileAndItsRoutes() throws Exception {
        Files.deleteIfExists(WATCHED.resolve("binanceus.yaml"));
        for (String id : EXAMPLE_ROUTES) {
            if (context.getRoute(id) != null) {
                context.getRouteController().stopRoute(id);
                assertThat(context.removeRoute(id)).as("removed %s", id).isTrue();
            }
        }
        assertThat(EXAMPLE_ROUTES).allSatisfy(id -> assertThat(context.getRoute(id)).as(id).isNull());
        // Without its routes the exchange cannot be synced: its symbols would fail every later kline-sync of the suite.
        jdbc.update("UPDATE symbol SET active = false, delisted_at = now() WHERE exchange = 'binanceus' AND active");
    }

    @Test
    void theGuidesExampleFileDroppedIntoARunningAppStartsCollectsAndReloadsWhenChanged() throws IOException {
        simulator.faults().reset();
        assertThat(EXAMPLE_ROUTES).allSatisfy(id -> assertThat(context.getRoute(id)).as(id).isNull());
        Map<String, Route> before = context.getRoutes().stream().collect(Collectors.toMap(Route::getRouteId, Function.identity()));
        Map<String, ServiceStatus> statusBefore = statuses();

        drop(Files.readString(EXAMPLE));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> EXAMPLE_ROUTES.stream()
                .allMatch(id -> context.getRouteController().getRouteStatus(id) == ServiceStatus.Started));
        assertThat(((ModelCamelContext) context).getRouteDefinition("binanceus-listing").getTemplateParameters())
                .containsEntry("exchange", "binanceus");
        assertUntouched(before, statusBefore);

        camel.sendBody("direct:exchange-symbol-discovery", "binanceus");

        assertThat(symbols.list("binanceus", true)).extracting(MarketSymbol::symbol).containsExactly("BTCUSDT");
        awaitBackfilled("BTCUSDT");

        // Watch ETHUSDT instead: the saved change replaces the routes of the file, by id.
        Route listing = context.getRoute("binanceus-listing");
        drop(Files.readString(EXAMPLE).replace("value: symbol=BTCUSDT", "value: symbol=ETHUSDT"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> context.getRoute("binanceus-listing") != listing
                && context.getRouteController().getRouteStatus("binanceus-listing") == ServiceStatus.Started);
        assertUntouched(before, statusBefore);

        camel.sendBody("direct:exchange-symbol-discovery", "binanceus");

        assertThat(symbols.list("binanceus", true)).extracting(MarketSymbol::symbol).containsExactly("ETHUSDT");
        assertThat(symbols.find("binanceus", "BTCUSDT").orElseThrow().active()).as("no longer listed, history kept").isFalse();
        awaitBackfilled("ETHUSDT");

        // A save that does not parse is reported and ignored: the routes of the last good version keep running.
        RouteWatcherReloadStrategy watcher = context.hasService(RouteWatcherReloadStrategy.class);
        long failedBefore = watcher.getFailedCounter();
        Route reloaded = context.getRoute("binanceus-listing");
        drop("- route:\n    id: binanceus-listing\n    from: [half a file\n");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> watcher.getFailedCounter() > failedBefore);
        assertThat(context.getRoute("binanceus-listing")).isSameAs(reloaded);
        assertThat(context.getRouteController().getRouteStatus("binanceus-listing")).isEqualTo(ServiceStatus.Started);
        assertUntouched(before, statusBefore);
    }

    @Test
    void theGuidePrintsTheExampleFileAsItIs() throws IOException {
        assertThat(Files.readString(Path.of("docs/adding-a-source.md"))).contains("```yaml\n" + Files.readString(EXAMPLE) + "```\n");
    }

    /** Writes the file beside the watched folder and moves it in, so the watcher never reads half of it. */
    private static void drop(String yaml) throws IOException {
        Path staged = Files.writeString(WATCHED.resolveSibling("binanceus.yaml.part"), yaml);
        Files.move(staged, WATCHED.resolve("binanceus.yaml"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Every route that ran before the file came is the same route object, in the same state: none was reloaded. */
    private void assertUntouched(Map<String, Route> before, Map<String, ServiceStatus> statusBefore) {
        before.forEach((id, route) -> {
            assertThat(context.getRoute(id)).as("route %s", id).isSameAs(route);
            assertThat(context.getRouteController().getRouteStatus(id)).as("status of %s", id).isEqualTo(statusBefore.get(id));
        });
    }

    private Map<String, ServiceStatus> statuses() {
        return context.getRoutes().stream().collect(Collectors.toMap(Route::getRouteId,
                r -> context.getRouteController().getRouteStatus(r.getRouteId())));
    }

    private void awaitBackfilled(String symbol) {
        MarketSymbol s = symbols.find("binanceus", symbol).orElseThrow();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> "done".equals(jdbc.queryForList(
                "SELECT status FROM backfill_progress WHERE symbol_id = ?", String.class, s.id()).stream().findFirst().orElse(null)));
        Map<String, Object> p = jdbc.queryForMap("SELECT range_start, range_end FROM backfill_progress WHERE symbol_id = ?", s.id());
        long expected = (((Timestamp) p.get("range_end")).getTime() - ((Timestamp) p.get("range_start")).getTime()) / STEP + 1;
        assertThat(jdbc.queryForObject("SELECT count(*) FROM candle WHERE symbol_id = ?", Long.class, s.id()))
                .as("candles of binanceus:%s", symbol).isEqualTo(expected);
    }
}
