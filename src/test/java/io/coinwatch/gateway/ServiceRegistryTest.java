package io.coinwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.info.BuildProperties;
import org.springframework.mock.env.MockEnvironment;

import io.coinwatch.core.roles.InstanceIdentity;

/** The service registry against real HTTP instances: probes, the choice of an instance, the log lines, the health view. */
class ServiceRegistryTest {

    private final EchoInstance first = new EchoInstance();
    private final EchoInstance second = new EchoInstance();
    private final DefaultCamelContext camel = new DefaultCamelContext();

    @AfterEach
    void stop() throws Exception {
        first.close();
        second.close();
        camel.close();
    }

    private ServiceRegistry registry(String roles, Map<String, GatewayProperties.Service> services) {
        InstanceIdentity identity = new InstanceIdentity(new MockEnvironment().withProperty("coinwatch.roles", roles),
                new StaticListableBeanFactory().getBeanProvider(BuildProperties.class));
        return new ServiceRegistry(new GatewayProperties(null, null, null, services, null, null), identity, camel);
    }

    private ServiceRegistry twoMarketDataInstances() {
        return registry("gateway,fundamental-data,monitor",
                Map.of("market-data", new GatewayProperties.Service(List.of(first.baseUrl(), second.baseUrl() + "/"))));
    }

    @Test
    void theGroupsOfRolesThisProcessRunsAreServedLocally() {
        ServiceRegistry registry = registry("gateway,monitor", Map.of());
        assertThat(registry.remoteGroups()).containsExactly(ApiGroup.MARKET_DATA, ApiGroup.FUNDAMENTAL);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> roles = (Map<String, Map<String, Object>>) registry.details().get("roles");
        assertThat(roles.get("monitor")).containsEntry("servedBy", "local").containsEntry("group", "/api/v1/system");
        assertThat(roles.get("market-data")).containsEntry("servedBy", "remote");
        assertThat(registry("market-data,fundamental-data,monitor,gateway", Map.of()).remoteGroups()).isEmpty();
    }

    @Test
    void aRoleWithoutBaseUrlsOrAnUnknownRoleIdIsRefused() {
        assertThatThrownBy(() -> registry("gateway", Map.of()).choose(ApiGroup.FUNDAMENTAL))
                .isInstanceOf(RoleUnavailableException.class).hasMessageContaining("coinwatch.gateway.services.fundamental-data.base-urls");
        assertThatThrownBy(() -> registry("gateway", Map.of("gateway", new GatewayProperties.Service(List.of("http://x")))))
                .hasMessageContaining("not to itself");
        assertThatThrownBy(() -> registry("gateway", Map.of("marketdata", new GatewayProperties.Service(List.of("http://x")))))
                .hasMessageContaining("Unknown role 'marketdata'");
    }

    @Test
    void healthyInstancesTakeTurnsAndAnUnhealthyOneIsLeftOutUntilItRecovers() {
        ServiceRegistry registry = twoMarketDataInstances();
        registry.probeAll();
        assertThat(IntStream.range(0, 4).mapToObj(i -> registry.choose(ApiGroup.MARKET_DATA).baseUrl()).toList())
                .containsOnly(first.baseUrl(), second.baseUrl()).contains(first.baseUrl(), second.baseUrl());

        second.health(503);
        registry.probeAll();
        assertThat(IntStream.range(0, 4).mapToObj(i -> registry.choose(ApiGroup.MARKET_DATA).baseUrl()).toList())
                .containsOnly(first.baseUrl());
        assertThat(registry.healthy()).isTrue();

        second.health(200);
        registry.probeAll();
        assertThat(IntStream.range(0, 4).mapToObj(i -> registry.choose(ApiGroup.MARKET_DATA).baseUrl()).toList())
                .contains(second.baseUrl());
    }

    @Test
    void aRoleWithNoHealthyInstanceIs503AndEachChangeIsLoggedOnce() {
        // The registry's own log events: the suite's console shows warnings only (logback-test.xml).
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        ((Logger) LoggerFactory.getLogger(ServiceRegistry.class)).addAppender(logged);
        ServiceRegistry registry = twoMarketDataInstances();
        registry.probeAll();
        first.health(500);
        second.close();
        registry.probeAll();
        registry.probeAll();

        assertThatThrownBy(() -> registry.choose(ApiGroup.MARKET_DATA)).isInstanceOf(RoleUnavailableException.class)
                .hasMessageContaining("no instance is healthy");
        assertThat(registry.healthy()).isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> marketData = (Map<String, Object>) ((Map<String, Object>) registry.details().get("roles")).get("market-data");
        assertThat(marketData).containsEntry("status", ServiceRegistry.State.DOWN).containsEntry("circuit", CircuitBreaker.State.CLOSED);
        assertThat(marketData.get("instances").toString()).contains("health answered 500");

        first.health(200);
        registry.probeAll();
        registry.probeAll();
        assertThat(registry.choose(ApiGroup.MARKET_DATA).baseUrl()).isEqualTo(first.baseUrl());
        ((Logger) LoggerFactory.getLogger(ServiceRegistry.class)).detachAppender(logged);
        List<String> messages = logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(messages).filteredOn(m -> m.startsWith("Gateway: role market-data is DOWN")).hasSize(1);
        assertThat(messages).filteredOn(m -> m.startsWith("Gateway: role market-data is UP")).hasSize(2);
    }

    @Test
    void anInstanceThatRefusedAForwardIsLeftOutUntilTheNextProbeFindsItHealthy() {
        ServiceRegistry registry = twoMarketDataInstances();
        registry.probeAll();
        ServiceRegistry.Instance refused = registry.choose(ApiGroup.MARKET_DATA);
        registry.markDown(refused, "Connection refused");
        assertThat(IntStream.range(0, 4).mapToObj(i -> registry.choose(ApiGroup.MARKET_DATA)).toList()).doesNotContain(refused);
        registry.probeAll();
        assertThat(IntStream.range(0, 4).mapToObj(i -> registry.choose(ApiGroup.MARKET_DATA)).toList()).contains(refused);
    }
}
