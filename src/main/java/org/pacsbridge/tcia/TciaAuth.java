package org.pacsbridge.tcia;

import java.net.http.HttpRequest;

/** Adds credentials to a request. */
interface TciaAuth {

    /** No credentials (NBIA v1, v4 as guest, the token endpoint itself). */
    TciaAuth NONE = (request, query) -> { };

    /** Adds headers to {@code request} or parameters to {@code query}; may fetch a token first. */
    void apply(HttpRequest.Builder request, QueryString query) throws TciaException;

    /** The server rejected the credentials: whether new ones are worth one more attempt. */
    default boolean renewAfterRejection() {
        return false;
    }
}
