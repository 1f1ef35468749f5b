package org.pacsbridge.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

/** The reader the manifest checks rely on rejects what a lenient one would let through. */
class StrictKubernetesYamlTest {

    private static final String STATEFUL_SET = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: node
            spec:
              serviceName: node
              selector:
                matchLabels: {app: node}
              template:
                metadata:
                  labels: {app: node}
                spec:
                  containers:
                    - name: node
                      image: node:1
                      %s
            """;

    @Test
    void readsEveryDocumentAsItsType() throws IOException {
        List<HasMetadata> objects = StrictKubernetesYaml.read("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                data: {a: b}
                ---
                ---
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: node}
                spec:
                  selector: {matchLabels: {app: node}}
                  endpoints: [{port: http, path: /q/metrics}]
                """ + "---\n" + STATEFUL_SET.formatted("ports: [{name: http, containerPort: 8080}]"));
        assertEquals(3, objects.size());
        assertInstanceOf(ConfigMap.class, objects.get(0));
        assertInstanceOf(ServiceMonitor.class, objects.get(1));
        assertInstanceOf(StatefulSet.class, objects.get(2));
    }

    @Test
    void rejectsAMisspelledFieldDeepInsideAnObject() {
        var error = assertThrows(UnrecognizedPropertyException.class,
                () -> StrictKubernetesYaml.read(STATEFUL_SET.formatted("ports: [{name: http, containerPorts: 8080}]")));
        assertEquals("containerPorts", error.getPropertyName());
    }

    @Test
    void rejectsAFieldOfAnotherApiVersion() {
        assertThrows(UnrecognizedPropertyException.class, () -> StrictKubernetesYaml.read("""
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: node}
                spec:
                  selector: {matchLabels: {app: node}}
                  endpoints: [{port: http, metricsPath: /q/metrics}]
                """));
    }

    @Test
    void rejectsAKindWithoutAType() {
        IOException error = assertThrows(IOException.class, () -> StrictKubernetesYaml.read("""
                apiVersion: apps/v1beta1
                kind: StatefulSet
                metadata: {name: node}
                """));
        assertTrue(error.getMessage().contains("apps/v1beta1"), error.getMessage());
    }
}
