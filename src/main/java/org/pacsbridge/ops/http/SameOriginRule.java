package org.pacsbridge.ops.http;

import java.net.URI;
import java.util.Locale;

/**
 * Refuses state-changing requests that a browser sends for a page of another origin (cross-site
 * request forgery with cached Basic credentials): the {@code Origin} header, or the
 * {@code Referer} when a browser sent no Origin, must name the origin the request was addressed
 * to (scheme, host and port). A request with neither header comes from no browser page and passes;
 * it still needs the credentials.
 */
final class SameOriginRule {

    private SameOriginRule() {
    }

    static boolean isStateChanging(String method) {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD", "OPTIONS", "TRACE" -> false;
            default -> true;
        };
    }

    /**
     * @param target the URI the request was addressed to (scheme and authority from the request line and Host)
     */
    static boolean allows(URI target, String origin, String referer) {
        String claimed = origin != null ? origin : referer;
        if (claimed == null) {
            return true;
        }
        URI source;
        try {
            source = new URI(claimed.strip());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        // "Origin: null" (sandboxed frames, file: pages, some redirects) has neither scheme nor host.
        if (source.getScheme() == null || source.getHost() == null || target.getHost() == null) {
            return false;
        }
        return source.getScheme().equalsIgnoreCase(target.getScheme())
                && source.getHost().equalsIgnoreCase(target.getHost())
                && port(source) == port(target);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
