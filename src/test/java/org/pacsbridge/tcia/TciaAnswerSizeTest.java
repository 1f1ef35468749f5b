package org.pacsbridge.tcia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pacsbridge.tcia.TciaException.Kind;
import org.pacsbridge.testing.FloodingHttpServer;

/** A JSON answer larger than pacs.tcia.max-answer-size: MALFORMED_RESPONSE, read no further than the ceiling. */
class TciaAnswerSizeTest {

    private static final long ANSWER = 300_000_000L;
    private static final int CEILING = 4 * 1024 * 1024;

    @ParameterizedTest(name = "Content-Length announced: {0}")
    @ValueSource(booleans = {false, true})
    void anAnswerAboveTheCeilingIsMalformedWithoutBeingReadWhole(boolean announced) throws Exception {
        try (FloodingHttpServer tcia = new FloodingHttpServer(ANSWER, announced);
                TciaClient client = TciaClients.create(TestSettings.shipped(TciaApi.NBIA_V1)
                        .baseUrl(tcia.baseUri().resolve("/nbia-api/services/v1"))
                        .requestDelay(Duration.ZERO)
                        .maxAttempts(3)
                        .initialBackoff(Duration.ofMillis(20))
                        .readTimeout(Duration.ofSeconds(30))
                        .maxAnswerBytes(CEILING)
                        .build())) {

            TciaException e = assertThrows(TciaException.class,
                    () -> client.getSeries(TciaSeriesQuery.inCollection("COVID-19-AR")));

            assertEquals(Kind.MALFORMED_RESPONSE, e.kind(), e.getMessage());
            assertFalse(e.isTransient());
            assertEquals(1, e.attempts());
            assertTrue(e.getMessage().contains("larger than " + CEILING + " bytes"), e.getMessage());
            long taken = tcia.bytesWritten();
            assertTrue(taken < 30_000_000L, "the client took " + taken + " bytes of the answer");
        }
    }
}
