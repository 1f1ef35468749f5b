package org.pacsbridge.ops.console;

import java.io.IOException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/** The console port's root: sends a browser to the console; nothing else lives here. */
final class RootHandler implements HttpHandler {

    private final boolean hawtio;

    RootHandler(boolean hawtio) {
        this.hawtio = hawtio;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (hawtio && "/".equals(exchange.getRequestURI().getPath())) {
                Exchanges.redirect(exchange, HawtioConsoleHandler.CONTEXT + "/");
                return;
            }
            Exchanges.sendEmpty(exchange, 404);
        }
    }
}
