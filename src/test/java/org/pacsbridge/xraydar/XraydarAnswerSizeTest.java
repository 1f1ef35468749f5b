package org.pacsbridge.xraydar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pacsbridge.testing.FloodingHttpServer;
import org.pacsbridge.xraydar.XraydarException.Kind;
import org.pacsbridge.xraydar.simulator.XraydarSimulator;

/** An X-Raydar answer of 100 MB: a contract failure, read no further than the ceiling. */
class XraydarAnswerSizeTest {

    private static final long HUNDRED_MB = 100_000_000L;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "Content-Length announced: {0}")
    @ValueSource(booleans = {false, true})
    void aHundredMegabyteAnswerIsAContractFailureWithoutBeingReadWhole(boolean announced) throws Exception {
        try (FloodingHttpServer xraydar = new FloodingHttpServer(HUNDRED_MB, announced)) {
            XraydarEndpoint endpoint = XraydarEndpoint.builder("cv", xraydar.baseUri().resolve(XraydarSimulator.CV_PATH))
                    .connectTimeout(Duration.ofSeconds(5))
                    .readTimeout(Duration.ofSeconds(30))
                    .failureThreshold(100)
                    .build();
            assertEquals(1024 * 1024, endpoint.maxAnswerBytes(), "the default ceiling is the one attacked");
            XraydarClient client = new XraydarClient(endpoint, () -> TestFiles.KEY, null, null);

            XraydarException e = assertThrows(XraydarException.class,
                    () -> client.call(TestFiles.dicom(dir, "chest.dcm", 1), "chest.dcm", "application/dicom"));

            assertEquals(Kind.CONTRACT, e.kind(), e.getMessage());
            assertFalse(e.isTransient());
            assertEquals(1, e.attempts());
            assertTrue(e.getMessage().contains("larger than 1048576 bytes"), e.getMessage());
            long taken = xraydar.bytesWritten();
            // what the client read plus what the kernel's socket buffers held when it hung up
            assertTrue(taken < 20_000_000L, "the client took " + taken + " bytes of the answer");
        }
    }
}
