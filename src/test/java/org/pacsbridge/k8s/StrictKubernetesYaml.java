package org.pacsbridge.k8s;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

/**
 * Reads multi-document Kubernetes YAML into the fabric8 API types, strictly: the class is chosen
 * by apiVersion and kind, and a field the type does not have is an error.
 *
 * <p>The fabric8 classes keep unknown fields in an "additional properties" map (a Jackson any-setter),
 * which would accept any misspelling; the mapper here ignores that any-setter, so Jackson's
 * FAIL_ON_UNKNOWN_PROPERTIES applies to every nested object.
 */
final class StrictKubernetesYaml {

    /** The kinds the manifests may contain; anything else is reported rather than guessed. */
    private static final Map<String, Class<? extends HasMetadata>> TYPES = Stream.of(
            ConfigMap.class, Secret.class, Service.class, StatefulSet.class,
            PodDisruptionBudget.class, NetworkPolicy.class, ServiceMonitor.class)
            .collect(Collectors.toUnmodifiableMap(StrictKubernetesYaml::typeKey, Function.identity()));

    private static final YAMLMapper YAML = new YAMLMapper();

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .annotationIntrospector(new WithoutAnySetter())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private StrictKubernetesYaml() {
    }

    /** Every document of the stream as its API type, in order; empty documents are skipped. */
    static List<HasMetadata> read(String yaml) throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                objects.add(read(document));
            }
        }
        return objects;
    }

    private static HasMetadata read(JsonNode document) throws IOException {
        String apiVersion = document.path("apiVersion").asText("");
        String kind = document.path("kind").asText("");
        Class<? extends HasMetadata> type = TYPES.get(apiVersion + "/" + kind);
        if (type == null) {
            throw new IOException("No API type for apiVersion '" + apiVersion + "' kind '" + kind + "' (known: "
                    + TYPES.keySet().stream().sorted().toList() + ")");
        }
        return STRICT.treeToValue(document, type);
    }

    private static String typeKey(Class<? extends HasMetadata> type) {
        return HasMetadata.getApiVersion(type) + "/" + HasMetadata.getKind(type);
    }

    /** Jackson's own annotation reading, minus any-setters. */
    private static final class WithoutAnySetter extends JacksonAnnotationIntrospector {
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean hasAnySetter(Annotated annotated) {
            return Boolean.FALSE;
        }
    }
}
