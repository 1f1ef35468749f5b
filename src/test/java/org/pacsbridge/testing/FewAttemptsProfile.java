package org.pacsbridge.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * One node application for tests that need work to be given up quickly, so that they share one start: a DICOM
 * object is given up after two attempts a second apart, so whatever keeps failing is given up within seconds
 * (OddRoutingAttributesTest), and a TCIA sync after one attempt at a closed port, with the findings view behind
 * the admin log-in (OperatorAccessTest).
 */
public class FewAttemptsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "pacs.dicom.max-attempts", "2",
                "pacs.dicom.retry-delay", "1s",
                // a sync started here fails at once instead of reaching the internet
                "pacs.tcia.base-url", "http://127.0.0.1:9/nbia-api/services/v4",
                "pacs.tcia.max-attempts", "1",
                "pacs.findings.view.authentication", "true");
    }
}
