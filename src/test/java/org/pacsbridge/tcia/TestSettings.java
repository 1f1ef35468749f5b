package org.pacsbridge.tcia;

import java.time.Duration;

/** Client settings for the test double: no pacing delay, short backoffs and timeouts. */
final class TestSettings {

    private TestSettings() {
    }

    static TciaSettings.Builder fast(TciaTestServer server, TciaApi api) {
        return TciaSettings.builder(api)
                .baseUrl(server.baseUrl(api))
                .tokenUrl(server.tokenUrl())
                .requestDelay(Duration.ZERO)
                .maxConcurrentRequests(4)
                .maxAttempts(3)
                .initialBackoff(Duration.ofMillis(20))
                .maxBackoff(Duration.ofSeconds(2))
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(3));
    }
}
