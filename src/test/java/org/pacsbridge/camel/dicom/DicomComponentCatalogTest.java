package org.pacsbridge.camel.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.camel.CamelContext;
import org.apache.camel.CatalogCamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The dicom: component's catalog entry (the JSON Camel's catalog, Hawtio and JBang read) against the component's
 * own annotations and field values: every option listed with its kind, type and default, every header, and the
 * generated configurer knowing exactly the options the JSON lists (neither is stale).
 */
class DicomComponentCatalogTest {

    private CamelContext camel;
    private JsonNode catalog;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.start();
        String json = ((CatalogCamelContext) camel).getComponentParameterJsonSchema("dicom");
        assertNotNull(json, "no catalog JSON for dicom:");
        catalog = new ObjectMapper().readTree(json);
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void theComponentIsDescribed() {
        JsonNode component = catalog.get("component");
        assertEquals("dicom", component.get("scheme").asText());
        assertEquals("dicom:aeTitle@host:port", component.get("syntax").asText());
        assertEquals(DicomComponent.class.getName(), component.get("javaType").asText());
        assertFalse(component.get("description").asText().isBlank());
    }

    @Test
    void thePathIsSplitIntoRequiredParts() {
        JsonNode properties = catalog.get("properties");
        for (String part : new String[] { "aeTitle", "host", "port" }) {
            JsonNode p = properties.get(part);
            assertNotNull(p, part);
            assertEquals("path", p.get("kind").asText(), part);
            assertTrue(p.get("required").asBoolean(), part + " is required");
            assertFalse(p.get("description").asText().isBlank(), part);
        }
        assertEquals("integer", properties.get("port").get("type").asText());
    }

    @Test
    void everyOptionIsListedWithItsKindTypeAndTheDefaultTheFieldHas() throws Exception {
        JsonNode properties = catalog.get("properties");
        DicomConfiguration fresh = new DicomConfiguration();
        int checked = 0;
        for (Field field : DicomConfiguration.class.getDeclaredFields()) {
            UriParam param = field.getAnnotation(UriParam.class);
            if (param == null) {
                continue;
            }
            JsonNode p = properties.get(field.getName());
            assertNotNull(p, field.getName() + " missing from the catalog");
            assertEquals("parameter", p.get("kind").asText(), field.getName());
            assertEquals(field.getType().getName(), p.get("javaType").asText(), field.getName());
            assertFalse(p.get("type").asText().isBlank(), field.getName());
            assertFalse(p.get("description").asText().isBlank(), field.getName() + " has no description");
            field.setAccessible(true);
            Object initial = field.get(fresh);
            if (initial == null) {
                assertFalse(p.has("defaultValue"), field.getName() + " has no default but the catalog shows one");
            } else {
                assertTrue(p.has("defaultValue"), field.getName() + " defaults to " + initial + ", the catalog shows none");
                Object documented = camel.getTypeConverter().mandatoryConvertTo(field.getType(), p.get("defaultValue").asText());
                assertEquals(initial, documented, field.getName() + ": the catalog's default is not the field's");
            }
            checked++;
        }
        assertTrue(checked >= 24, "options checked: " + checked);
        assertEquals("object", properties.get("sslContextParameters").get("type").asText());
        assertTrue(properties.get("sslContextParameters").get("label").asText().contains("security"));
    }

    @Test
    void theMeterRegistryAndTheSpoolBaseAreComponentOptions() {
        JsonNode componentProperties = catalog.get("componentProperties");
        JsonNode registry = componentProperties.get("meterRegistry");
        assertEquals("io.micrometer.core.instrument.MeterRegistry", registry.get("javaType").asText());
        assertTrue(registry.get("autowired").asBoolean());
        assertEquals("java.lang.String", componentProperties.get("spoolBaseDirectory").get("javaType").asText());
        // the endpoint defaults are component options too (camel.component.dicom.max-associations=...)
        assertNotNull(componentProperties.get("maxAssociations"));
    }

    @Test
    void everyHeaderIsListedWithItsTypeAndDescription() throws Exception {
        JsonNode headers = catalog.get("headers");
        Set<String> declared = new TreeSet<>();
        for (Field field : DicomConstants.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String name = (String) field.get(null);
                declared.add(name);
                assertNotNull(field.getAnnotation(Metadata.class), field.getName() + " has no @Metadata");
                JsonNode header = headers.get(name);
                assertNotNull(header, name + " missing from the catalog");
                assertEquals("header", header.get("kind").asText());
                assertFalse(header.get("javaType").asText().isBlank(), name);
                assertFalse(header.get("description").asText().isBlank(), name);
            }
        }
        Set<String> listed = new TreeSet<>();
        headers.fieldNames().forEachRemaining(listed::add);
        assertEquals(declared, listed);
    }

    @Test
    void theGeneratedConfigurersKnowEveryListedOptionAndItsType() throws Exception {
        DicomEndpoint endpoint = camel.getEndpoint("dicom:NODE@127.0.0.1:0", DicomEndpoint.class);
        PropertyConfigurerGetter configurer = (PropertyConfigurerGetter) endpoint.getComponent()
                .getEndpointPropertyConfigurer();
        assertEquals("DicomEndpointConfigurer", configurer.getClass().getSimpleName());
        int checked = 0;
        for (Map.Entry<String, JsonNode> p : catalog.get("properties").properties()) {
            if (p.getValue().get("kind").asText().equals("parameter")) {
                assertEquals(p.getValue().get("javaType").asText(), typeName(configurer.getOptionType(p.getKey(), false)),
                        p.getKey() + " unknown to the endpoint configurer");
                checked++;
            }
        }
        assertTrue(checked >= 28, "options checked: " + checked);

        PropertyConfigurerGetter componentConfigurer = (PropertyConfigurerGetter) endpoint.getComponent()
                .getComponentPropertyConfigurer();
        assertEquals("DicomComponentConfigurer", componentConfigurer.getClass().getSimpleName());
        for (Map.Entry<String, JsonNode> p : catalog.get("componentProperties").properties()) {
            assertEquals(p.getValue().get("javaType").asText(),
                    typeName(componentConfigurer.getOptionType(p.getKey(), false)),
                    p.getKey() + " unknown to the component configurer");
        }
        // and the endpoint shows them (Hawtio's Attributes tab of the endpoint)
        assertEquals(checked, endpoint.getOptions().size());
    }

    private static String typeName(Class<?> type) {
        return type == null ? "(none)" : type.getName();
    }
}
