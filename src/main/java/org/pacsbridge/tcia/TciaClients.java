package org.pacsbridge.tcia;

import java.net.http.HttpClient;
import java.time.Clock;

/** Creates the client for the configured interface. */
public final class TciaClients {

    private TciaClients() {
    }

    public static TciaClient create(TciaSettings settings) {
        return create(settings, null, Clock.systemUTC());
    }

    /**
     * @param httpClient the HTTP client to use; {@code null} builds one
     * @param clock      decides when a bearer token is due for renewal
     */
    public static TciaClient create(TciaSettings settings, HttpClient httpClient, Clock clock) {
        return settings.api() == TciaApi.V2 ? new TciaV2Client(settings, httpClient)
                : new NbiaClient(settings, httpClient, clock);
    }
}
