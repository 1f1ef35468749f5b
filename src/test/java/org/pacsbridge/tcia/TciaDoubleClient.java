package org.pacsbridge.tcia;

import java.util.function.Function;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The TCIA test double and one client of it for a whole test class ({@code @RegisterExtension} on a static
 * field): both started before the class, the double's state reset before each test, both closed after.
 */
final class TciaDoubleClient implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final Function<TciaTestServer, TciaSettings> settings;
    private TciaTestServer server;
    private TciaClient client;

    /** @param settings the client's settings for the started double */
    TciaDoubleClient(Function<TciaTestServer, TciaSettings> settings) {
        this.settings = settings;
    }

    TciaTestServer server() {
        return server;
    }

    TciaClient client() {
        return client;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = TciaTestServer.start();
        client = TciaClients.create(settings.apply(server));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
