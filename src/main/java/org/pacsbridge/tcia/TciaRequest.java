package org.pacsbridge.tcia;

import java.net.URI;
import java.util.Objects;

/**
 * One request before credentials are added.
 *
 * @param endpoint the endpoint's name for messages, e.g. {@code getSeries}
 * @param target   the endpoint's URL without query
 * @param query    query parameters
 * @param form     a form body to POST, or {@code null} for a GET
 */
record TciaRequest(String endpoint, URI target, QueryString query, QueryString form) {

    TciaRequest {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(query, "query");
    }

    static TciaRequest get(String endpoint, URI target, QueryString query) {
        return new TciaRequest(endpoint, target, query, null);
    }

    static TciaRequest postForm(String endpoint, URI target, QueryString query, QueryString form) {
        return new TciaRequest(endpoint, target, query, Objects.requireNonNull(form, "form"));
    }
}
