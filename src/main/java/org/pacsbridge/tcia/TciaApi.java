package org.pacsbridge.tcia;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which TCIA programmatic interface the node talks to.
 *
 * <p>{@link #V2} is the Bindaas "v2" interface of the project brief (resources {@code /TCIA} and
 * {@code /SharedList}, {@code api_key}); the others are generations of the NBIA REST API that
 * replaced it: {@link #NBIA_V1} (public, no authentication), {@link #NBIA_V2} (the v1 endpoint set
 * behind OAuth bearer tokens) and {@link #NBIA_V4} (the current one).
 */
public enum TciaApi {

    V2("v2", "https://services.cancerimagingarchive.net/services/v2",
            "https://services-test.cancerimagingarchive.net/services/v2"),
    NBIA_V1("nbia-v1", "https://services.cancerimagingarchive.net/nbia-api/services/v1", null),
    NBIA_V2("nbia-v2", "https://services.cancerimagingarchive.net/nbia-api/services/v2", null),
    NBIA_V4("nbia-v4", "https://nbia.cancerimagingarchive.net/nbia-api/services/v4", null);

    private final String configName;
    private final String productionUrl;
    private final String testUrl;

    TciaApi(String configName, String productionUrl, String testUrl) {
        this.configName = configName;
        this.productionUrl = productionUrl;
        this.testUrl = testUrl;
    }

    /** The value of {@code pacs.tcia.api} that selects this interface. */
    public String configName() {
        return configName;
    }

    /** Whether this is one of the NBIA generations (as opposed to the Bindaas v2 interface). */
    public boolean isNbia() {
        return this != V2;
    }

    /**
     * The documented base URL on the given server.
     *
     * @throws IllegalArgumentException for the test server of an interface that has none
     */
    public URI defaultBaseUrl(TciaServer server) {
        if (server == TciaServer.TEST) {
            if (testUrl == null) {
                throw new IllegalArgumentException("TCIA " + configName
                        + " has no documented test server; set pacs.tcia.base-url instead");
            }
            return URI.create(testUrl);
        }
        return URI.create(productionUrl);
    }

    /** Reads a configuration value such as {@code nbia-v4} (case-insensitive). */
    public static TciaApi fromConfig(String value) {
        String wanted = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (TciaApi api : values()) {
            if (api.configName.equals(wanted)) {
                return api;
            }
        }
        throw new IllegalArgumentException("pacs.tcia.api: unknown TCIA interface '" + value + "'; expected one of "
                + Arrays.stream(values()).map(TciaApi::configName).collect(Collectors.joining(", ")));
    }
}
