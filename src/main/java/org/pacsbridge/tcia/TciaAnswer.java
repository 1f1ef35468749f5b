package org.pacsbridge.tcia;

import java.net.http.HttpHeaders;

/**
 * A 2xx answer, read completely.
 *
 * @param endpoint the endpoint's name
 * @param status   200, 204, ...
 * @param headers  the answer's headers
 * @param body     the body; empty, never {@code null}, when there is none
 */
record TciaAnswer(String endpoint, int status, HttpHeaders headers, byte[] body) {

    /** No content: a 204, or a body of nothing but white space (the NBIA API's "no rows"). */
    boolean isEmpty() {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    String contentType() {
        return headers.firstValue("Content-Type").orElse("none");
    }
}
