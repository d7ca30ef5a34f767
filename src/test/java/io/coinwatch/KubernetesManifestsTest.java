package io.coinwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import io.coinwatch.core.roles.Role;

/**
 * deploy/k8s read into the Kubernetes API's object model (fabric8), strictly: a misspelt or misplaced field, which
 * the API server would reject or silently drop, fails the test. The overlay is rendered here as kustomize does for
 * what it uses (resources, configMapGenerator without the name hash, patches merged by name, a patch with a target
 * applied to every match, namespace, images, labels), so the rendered objects are checked, and each file alone too.
 */
class KubernetesManifestsTest {

    private static final Path BASE = Path.of("deploy/k8s/base");
    private static final Path OVERLAY = Path.of("deploy/k8s/overlays/example");
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "apps/v1/Deployment", Deployment.class,
            "v1/Service", Service.class,
            "v1/ConfigMap", ConfigMap.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);

    @Test
    void everyManifestFileIsAValidKubernetesObject() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("deploy/k8s"))) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals("kustomization.yaml")).toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(8);
        for (Path file : files) {
            for (Map<String, Object> document : documents(file)) {
                validate(document, file.toString());
            }
        }
    }

    @Test
    void theRenderedOverlayHasEveryRoleWithProbesResourcesAndTheJvmSettings() throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        for (Map<String, Object> document : render(OVERLAY)) {
            objects.add(validate(document, "rendered " + OVERLAY));
        }
        assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).as(name(o)).isEqualTo("coinwatch"));
        assertThat(objects).extracting(HasMetadata::getKind).doesNotContain("Secret", "StatefulSet", "PersistentVolumeClaim");

        ConfigMap config = one(objects, ConfigMap.class, "coinwatch-config");
        assertThat(config.getData().get("application.yaml")).isEqualTo(Files.readString(Path.of("config/application.yaml")));

        for (Role role : Role.values()) {
            Deployment deployment = one(objects, Deployment.class, role.id());
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getImage()).as(role.id()).isEqualTo("registry.example.com/coinwatch:0.1.0");
            Map<String, EnvVar> env = new LinkedHashMap<>();
            container.getEnv().forEach(e -> env.put(e.getName(), e));
            assertThat(env.get("COINWATCH_ROLES").getValue()).as(role.id()).isEqualTo(role.id());
            assertThat(env.get("JAVA_TOOL_OPTIONS").getValue()).as(role.id()).isEqualTo(DeploymentFilesTest.runJvmArguments());
            assertThat(env.get("SPRING_DATASOURCE_URL").getValue()).contains("//postgres:5432/");
            assertThat(env.get("SPRING_RABBITMQ_HOST").getValue()).isEqualTo("rabbitmq");
            // Secrets by reference only: no credential is written into a manifest.
            env.values().stream().filter(e -> e.getName().matches(".*(PASSWORD|USER|USERNAME|KEY)"))
                    .forEach(e -> assertThat(e.getValueFrom().getSecretKeyRef()).as(e.getName()).isNotNull());
            for (Probe probe : List.of(container.getReadinessProbe(), container.getLivenessProbe())) {
                assertThat(probe.getHttpGet().getPath()).as(role.id()).startsWith("/actuator/health/");
                assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo(container.getPorts().get(0).getName());
            }
            assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
            // The heap (-Xmx256m) and ~320 MiB outside it (BENCHMARKS.md, Memory) fit within the limit.
            assertThat(container.getResources().getLimits().get("memory").getNumericalAmount().longValue())
                    .isGreaterThanOrEqualTo(576L << 20);
            assertThat(container.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/app/config"));
            assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
                    .anySatisfy(v -> assertThat(v.getConfigMap().getName()).isEqualTo(config.getMetadata().getName()));

            Service service = one(objects, Service.class, role.id());
            assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
            assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo(container.getPorts().get(0).getName());
            PodDisruptionBudget budget = one(objects, PodDisruptionBudget.class, role.id());
            assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        }
        for (Role scaled : List.of(Role.GATEWAY, Role.MARKET_DATA)) {
            HorizontalPodAutoscaler hpa = one(objects, HorizontalPodAutoscaler.class, scaled.id());
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(scaled.id());
        }
        assertThat(one(objects, HorizontalPodAutoscaler.class, "gateway").getSpec().getMaxReplicas()).as("overlay patch").isEqualTo(10);
        assertThat(one(objects, Service.class, "postgres").getSpec().getExternalName()).isEqualTo("coinwatch-db.postgres.example.com");
        assertThat(one(objects, Service.class, "rabbitmq").getSpec().getType()).isEqualTo("ExternalName");
        // The gateway reaches each role through its Service.
        Map<String, String> gatewayEnv = new LinkedHashMap<>();
        one(objects, Deployment.class, "gateway").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .forEach(e -> gatewayEnv.put(e.getName(), e.getValue()));
        assertThat(gatewayEnv).containsEntry("COINWATCH_MARKET_DATA_URLS", "http://market-data:8080")
                .containsEntry("COINWATCH_FUNDAMENTAL_DATA_URLS", "http://fundamental-data:8080")
                .containsEntry("COINWATCH_MONITOR_URLS", "http://monitor:8080");
    }

    @Test
    void aMisspeltFieldFailsTheValidation() {
        Map<String, Object> service = Map.of("apiVersion", "v1", "kind", "Service", "metadata", Map.of("name", "x"),
                "spec", Map.of("selector", Map.of("a", "b"), "ports", List.of(Map.of("port", 8080, "targetprot", "http"))));
        assertThatThrownBy(() -> validate(service, "test"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("targetprot");
    }

    // ---- strict validation

    private static HasMetadata validate(Map<String, Object> document, String source) {
        String key = document.get("apiVersion") + "/" + document.get("kind");
        Class<? extends HasMetadata> type = KINDS.get(key);
        assertThat(type).as("%s: a kind the manifests may use (%s)", source, key).isNotNull();
        HasMetadata object;
        try {
            object = STRICT.convertValue(document, type);
        } catch (IllegalArgumentException e) {
            throw new AssertionError(source + ": " + key + " does not match the API schema: " + e.getMessage(), e);
        }
        List<String> unknown = new ArrayList<>();
        unknownFields(object, key + " " + object.getMetadata().getName(), unknown);
        assertThat(unknown).as("%s: fields the Kubernetes API does not know", source).isEmpty();
        return object;
    }

    /** fabric8 keeps fields it does not know in additionalProperties instead of failing: find them anywhere. */
    private static void unknownFields(Object value, String path, List<String> unknown) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                unknownFields(list.get(i), path + "[" + i + "]", unknown);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, unknown));
        } else if (value != null && value.getClass().getName().startsWith("io.fabric8.")) {
            try {
                for (PropertyDescriptor property : Introspector.getBeanInfo(value.getClass()).getPropertyDescriptors()) {
                    if (property.getReadMethod() == null || property.getName().equals("class")) {
                        continue;
                    }
                    Object child = property.getReadMethod().invoke(value);
                    if (property.getName().equals("additionalProperties")) {
                        ((Map<?, ?>) child).keySet().forEach(k -> unknown.add(path + "." + k));
                    } else {
                        unknownFields(child, path + "." + property.getName(), unknown);
                    }
                }
            } catch (IntrospectionException | IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    // ---- rendering: the part of kustomize the manifests use

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> render(Path dir) throws IOException {
        Map<String, Object> kustomization = documents(dir.resolve("kustomization.yaml")).get(0);
        List<Map<String, Object>> objects = new ArrayList<>();
        for (String resource : (List<String>) kustomization.getOrDefault("resources", List.of())) {
            Path path = dir.resolve(resource).normalize();
            objects.addAll(Files.isDirectory(path) ? render(path) : documents(path));
        }
        for (Map<String, Object> generator : (List<Map<String, Object>>) kustomization.getOrDefault("configMapGenerator", List.of())) {
            Map<String, Object> data = new LinkedHashMap<>();
            for (String file : (List<String>) generator.get("files")) {
                String[] keyAndPath = file.split("=", 2);
                data.put(keyAndPath[0], Files.readString(dir.resolve(keyAndPath[1]).normalize()));
            }
            objects.add(new LinkedHashMap<>(Map.of("apiVersion", "v1", "kind", "ConfigMap",
                    "metadata", new LinkedHashMap<>(Map.of("name", generator.get("name"))), "data", data)));
        }
        for (Map<String, Object> patch : (List<Map<String, Object>>) kustomization.getOrDefault("patches", List.of())) {
            for (Map<String, Object> change : documents(dir.resolve((String) patch.get("path")))) {
                Map<String, Object> target = (Map<String, Object>) patch.get("target");
                Predicate<Map<String, Object>> matches = target != null
                        ? o -> o.get("kind").equals(target.get("kind"))
                        : o -> o.get("kind").equals(change.get("kind")) && name(o).equals(name(change));
                List<Map<String, Object>> matched = objects.stream().filter(matches).toList();
                assertThat(matched).as("%s patches something", patch.get("path")).isNotEmpty();
                for (Map<String, Object> object : matched) {
                    Map<String, Object> body = new LinkedHashMap<>(change);
                    body.remove("metadata");
                    merge(object, body);
                }
            }
        }
        for (Map<String, Object> labels : (List<Map<String, Object>>) kustomization.getOrDefault("labels", List.of())) {
            objects.forEach(o -> ((Map<String, Object>) ((Map<String, Object>) o.get("metadata"))
                    .computeIfAbsent("labels", k -> new LinkedHashMap<>())).putAll((Map<String, Object>) labels.get("pairs")));
        }
        for (Map<String, Object> image : (List<Map<String, Object>>) kustomization.getOrDefault("images", List.of())) {
            objects.stream().filter(o -> o.get("kind").equals("Deployment")).forEach(o -> containers(o).stream()
                    .filter(c -> Objects.equals(c.get("image").toString().split(":")[0], image.get("name")))
                    .forEach(c -> c.put("image", image.get("newName") + ":" + image.get("newTag"))));
        }
        Object namespace = kustomization.get("namespace");
        if (namespace != null) {
            objects.forEach(o -> ((Map<String, Object>) o.get("metadata")).put("namespace", namespace));
        }
        return objects;
    }

    /** A strategic merge as far as these manifests need it: maps merge, lists of named items merge by name. */
    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> change) {
        change.forEach((key, value) -> {
            Object existing = into.get(key);
            if (existing instanceof Map<?, ?> map && value instanceof Map<?, ?> patch) {
                merge((Map<String, Object>) map, (Map<String, Object>) patch);
            } else if (existing instanceof List<?> list && value instanceof List<?> patch && named(list) && named(patch)) {
                for (Object item : patch) {
                    Map<String, Object> named = (Map<String, Object>) item;
                    list.stream().map(i -> (Map<String, Object>) i).filter(i -> i.get("name").equals(named.get("name"))).findFirst()
                            .ifPresentOrElse(i -> merge(i, named), () -> ((List<Object>) list).add(deepCopy(named)));
                }
            } else {
                into.put(key, deepCopy(value));
            }
        });
    }

    private static boolean named(List<?> list) {
        return list.stream().allMatch(i -> i instanceof Map<?, ?> m && m.containsKey("name"));
    }

    @SuppressWarnings("unchecked")
    private static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list.stream().map(KubernetesManifestsTest::deepCopy).toList());
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> containers(Map<String, Object> deployment) {
        Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) deployment.get("spec"))
                .get("template")).get("spec");
        return (List<Map<String, Object>>) spec.get("containers");
    }

    @SuppressWarnings("unchecked")
    private static String name(Map<String, Object> object) {
        return String.valueOf(((Map<String, Object>) object.get("metadata")).get("name"));
    }

    private static String name(HasMetadata object) {
        return object.getKind() + " " + object.getMetadata().getName();
    }

    private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type, String name) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast).filter(o -> o.getMetadata().getName().equals(name)).toList();
        assertThat(found).as("%s %s", type.getSimpleName(), name).hasSize(1);
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : new Yaml().loadAll(reader)) {
                if (document != null) {
                    documents.add((Map<String, Object>) deepCopy(document));
                }
            }
        }
        return documents;
    }
}
