package org.pacsbridge.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A free port for the MLLP listener, known before the node starts (camel-mllp does not tell which
 * port it bound when asked for port 0).
 */
public class MllpPortResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("pacs.mllp.port", Integer.toString(FreePorts.claim()));
    }

    @Override
    public void stop() {
    }
}
