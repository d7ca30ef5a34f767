package io.coinwatch.core.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.coinwatch.core.roles.ConditionalOnRole;
import io.coinwatch.core.roles.Role;

/**
 * Loads the data-source route files (coinwatch.sources.route-files, by default routes/*.yaml) one by one, once the
 * Java routes and the route templates are in and before Camel starts. A file that does not load (YAML that does not
 * parse, an unknown template, a missing parameter, a malformed URL) adds no route and is reported in one log line
 * naming the file and the cause; the other files load. Camel's own loading (routes-include-pattern) would fail the
 * whole process instead.
 * <p>
 * With live reload on (camel.main.routes-reload-*, dev and demo), a saved file replaces the routes it made: Camel's
 * own reload leaves the templatedRoutes of a file alone. A change that does not load leaves the last good routes
 * running and counts as a failed reload.
 * <p>
 * The files are the exchanges, which only the market-data role collects: a process without it loads none.
 */
@Component
@ConditionalOnRole(Role.MARKET_DATA)
public class SourceRouteFiles implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SourceRouteFiles.class);

    private final String pattern;
    /** The ids of the routes each loaded file made, by the file's location. */
    private final Map<String, Set<String>> routesOfFile = new ConcurrentHashMap<>();

    public SourceRouteFiles(@Value("${coinwatch.sources.route-files:file:routes/*.yaml}") String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        RouteWatcherReloadStrategy watcher = camel.hasService(RouteWatcherReloadStrategy.class);
        if (watcher != null) {
            watcher.setResourceReload((name, file) -> replace(camel, file));
        }
        List<Resource> files = new ArrayList<>();
        try {
            for (String part : pattern.split(",")) {
                files.addAll(PluginHelper.getPackageScanResourceResolver(camel).findResources(part.trim()));
            }
        } catch (Exception e) {
            log.error("Route files {} not read: {}", pattern, reason(e));
            return;
        }
        loadAll(camel, files);
    }

    /** Loads each file on its own, in the order of their names; one that fails is one ERROR line, and the rest load. */
    public void loadAll(CamelContext camel, List<Resource> files) {
        List<Resource> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(Resource::getLocation));
        for (Resource file : sorted) {
            try {
                load(camel, file);
            } catch (Exception e) {
                log.error("Route file {} not loaded, its routes do not run: {}", file.getLocation(), reason(e));
            }
        }
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
        // nothing: every file was loaded before the start
    }

    /** Adds the routes of one file, all or none; the cause of a failure is thrown. */
    public void load(CamelContext camel, Resource file) throws Exception {
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        Collection<RoutesBuilder> builders = parse(camel, file);
        // Only the file's own ids: adding routes may also turn pending REST definitions into routes, which stay.
        Set<String> ids = declaredIds(builders);
        try {
            for (RoutesBuilder builder : builders) {
                camel.addRoutes(builder);
                camel.addTemplatedRoutes(builder);
            }
        } catch (Exception e) {
            remove(camel, model, ids);
            throw e;
        }
        if (camel.isStarted()) {
            // A route made from a template while Camel runs is added, not started.
            for (String id : ids) {
                if (camel.getRouteController().getRouteStatus(id) != ServiceStatus.Started) {
                    camel.getRouteController().startRoute(id);
                }
            }
        }
        routesOfFile.put(file.getLocation(), ids);
    }

    /**
     * A saved change: the routes the file made are replaced by what it says now. When it no longer loads, its
     * previous routes are put back and the failure is thrown for the watcher to count. A removed file stops nothing,
     * as with Camel's own reload.
     */
    public void replace(CamelContext camel, Resource file) throws Exception {
        if (!file.exists()) {
            log.info("Route file {} removed; its routes keep running until the process restarts", file.getLocation());
            return;
        }
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        try {
            parse(camel, file); // YAML that does not parse fails here, before anything is touched
            List<RouteDefinition> previous = routesOfFile.getOrDefault(file.getLocation(), Set.of()).stream()
                    .map(model::getRouteDefinition).filter(Objects::nonNull).toList();
            remove(camel, model, previous.stream().map(RouteDefinition::getRouteId).toList());
            try {
                load(camel, file);
            } catch (Exception e) {
                model.addRouteDefinitions(previous);
                throw e;
            }
            log.info("Route file {} reloaded: {}", file.getLocation(), routesOfFile.get(file.getLocation()));
        } catch (Exception e) {
            log.error("Route file {} not reloaded, its previous routes keep running: {}", file.getLocation(), reason(e));
            throw e;
        }
    }

    private static Collection<RoutesBuilder> parse(CamelContext camel, Resource file) throws Exception {
        Collection<RoutesBuilder> builders = PluginHelper.getRoutesLoader(camel).findRoutesBuilders(file);
        for (RoutesBuilder builder : builders) {
            if (builder instanceof RouteBuilder routes) {
                routes.configureRoutes(camel);
            }
        }
        return builders;
    }

    private static void remove(CamelContext camel, Model model, Collection<String> ids) throws Exception {
        for (String id : ids) {
            Route route = camel.getRoute(id);
            if (route != null) {
                camel.getRouteController().stopRoute(id);
                camel.removeRoute(id);
            }
            RouteDefinition definition = model.getRouteDefinition(id);
            if (definition != null) {
                model.removeRouteDefinition(definition);
            }
        }
    }

    /** The route ids a file declares; every route in it needs one, to be replaced on reload and rolled back on failure. */
    private static Set<String> declaredIds(Collection<RoutesBuilder> builders) {
        Set<String> ids = new LinkedHashSet<>();
        for (RoutesBuilder builder : builders) {
            if (builder instanceof RouteBuilder routes) {
                routes.getRouteCollection().getRoutes().forEach(r -> ids.add(r.getRouteId()));
                routes.getTemplatedRouteCollection().getTemplatedRoutes().forEach(t -> ids.add(t.getRouteId()));
            }
        }
        if (ids.contains(null)) {
            throw new IllegalArgumentException("a route without routeId: every entry needs one");
        }
        return ids;
    }

    /** The innermost message of a failure, which is the one that names the parameter or the line. */
    static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return String.join(" ", Arrays.stream(message.split("\\R")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }
}
