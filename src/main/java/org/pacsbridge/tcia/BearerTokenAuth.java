package org.pacsbridge.tcia;

import java.net.http.HttpRequest;
import java.util.Objects;

/** {@code Authorization: Bearer} with a token from the OAuth token endpoint (NBIA v2; v4 with a user). */
final class BearerTokenAuth implements TciaAuth {

    private final OAuthTokenSource tokens;

    BearerTokenAuth(OAuthTokenSource tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public void apply(HttpRequest.Builder request, QueryString query) throws TciaException {
        request.header("Authorization", "Bearer " + tokens.accessToken());
    }

    /** A 401 means the server forgot or expired the token early: drop it and try once with a new one. */
    @Override
    public boolean renewAfterRejection() {
        tokens.invalidate();
        return true;
    }
}
