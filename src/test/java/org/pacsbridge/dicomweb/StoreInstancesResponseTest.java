package org.pacsbridge.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class StoreInstancesResponseTest {

    private static final InstanceOutcome STORED = new InstanceOutcome("1.2.840.10008.5.1.4.1.1.1.1", "1.2.3.4", 0);
    private static final InstanceOutcome FAILED = new InstanceOutcome("1.2.840.10008.5.1.4.1.1.1.1", "1.2.3.5", 0xA900);
    private static final InstanceOutcome UNREADABLE = new InstanceOutcome(null, null, 0xC000);

    @Test
    void statusFollowsHowManyWereStored() {
        assertEquals(200, new StoreInstancesResponse(List.of(STORED, STORED)).httpStatus());
        assertEquals(202, new StoreInstancesResponse(List.of(STORED, FAILED)).httpStatus());
        assertEquals(409, new StoreInstancesResponse(List.of(FAILED, UNREADABLE)).httpStatus());
    }

    @Test
    void jsonIsTheDicomJsonModel() throws Exception {
        JsonNode json = new ObjectMapper().readTree(new StoreInstancesResponse(List.of(STORED, FAILED, UNREADABLE)).json());
        JsonNode referenced = json.get("00081199");
        assertEquals("SQ", referenced.get("vr").asText());
        assertEquals("1.2.3.4", referenced.get("Value").get(0).get("00081155").get("Value").get(0).asText());
        assertEquals("UI", referenced.get("Value").get(0).get("00081150").get("vr").asText());
        assertFalse(referenced.get("Value").get(0).has("00081197"));
        JsonNode failed = json.get("00081198").get("Value");
        assertEquals(2, failed.size());
        assertEquals(0xA900, failed.get(0).get("00081197").get("Value").get(0).asInt());
        assertEquals(0xC000, failed.get(1).get("00081197").get("Value").get(0).asInt());
        assertFalse(failed.get(1).has("00081155"), "an unknown UID is left out");
    }

    @Test
    void uidsThatAreNoUidsAreEscaped() throws Exception {
        InstanceOutcome odd = new InstanceOutcome("1.2\"<&>", "x\\y\n", 0xC000);
        JsonNode json = new ObjectMapper().readTree(new StoreInstancesResponse(List.of(odd)).json());
        assertEquals("1.2\"<&>", json.get("00081198").get("Value").get(0).get("00081150").get("Value").get(0).asText());
        assertEquals("x\\y\n", json.get("00081198").get("Value").get(0).get("00081155").get("Value").get(0).asText());
        String xml = new StoreInstancesResponse(List.of(odd)).xml();
        assertTrue(xml.contains("<Value number=\"1\">1.2&quot;&lt;&amp;&gt;</Value>"), xml);
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
