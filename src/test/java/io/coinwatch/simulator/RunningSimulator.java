package io.coinwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;

/**
 * One simulator per test class ({@code @RegisterExtension static final RunningSimulator simulator = ...}), on the
 * fixed market clock; faults and the request log are reset after every test so tests cannot leak into each other.
 */
final class RunningSimulator implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private final Map<String, String> settings;
    private SimulatorServer server;
    private SimulatorHttp http;

    RunningSimulator(Map<String, String> settings) {
        this.settings = settings;
    }

    SimulatorServer server() {
        return server;
    }

    SimulatorHttp http() {
        return http;
    }

    SimulatorFaults faults() {
        return server.faults();
    }

    SimulatorHttp.Reply get(String pathAndQuery) {
        return http.get(pathAndQuery);
    }

    JsonNode json(String pathAndQuery) {
        return http.json(pathAndQuery);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = SimulatorHttp.start(settings, SimulatorHttp.FIXED_CLOCK);
        http = new SimulatorHttp(server);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.faults().reset();
        server.requestLog().clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }
}
