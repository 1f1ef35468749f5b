package org.pacsbridge.tcia;

import java.net.http.HttpRequest;
import java.util.Objects;

/** The v2 interface's {@code api_key}: an HTTP header by default, a query parameter if configured. */
final class ApiKeyAuth implements TciaAuth {

    static final String NAME = "api_key";

    private final String key;
    private final boolean inQuery;

    ApiKeyAuth(String key, boolean inQuery) {
        this.key = Objects.requireNonNull(key, "key");
        this.inQuery = inQuery;
    }

    @Override
    public void apply(HttpRequest.Builder request, QueryString query) {
        if (inQuery) {
            query.add(NAME, key);
        } else {
            request.header(NAME, key);
        }
    }
}
