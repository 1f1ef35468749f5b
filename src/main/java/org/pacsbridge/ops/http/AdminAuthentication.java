package org.pacsbridge.ops.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.pacsbridge.ops.console.ConsoleCredentials;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * HTTP Basic on the HTTP port's operator endpoints: {@code /admin/*} (dead-letter replay, TCIA sync) and, with
 * {@code pacs.findings.view.authentication}, the findings view. Health and metrics stay open for probes and
 * Prometheus. With authentication on and no password set ({@code PACS_ADMIN_PASSWORD}) these endpoints answer
 * 403: they are never open by omission. The password is never logged.
 */
@ApplicationScoped
public class AdminAuthentication {

    static final String REALM = "pacs-bridge";
    private static final Logger LOG = Logger.getLogger(AdminAuthentication.class);
    /** After CORS and before the application's routes. */
    private static final int PRIORITY = 100;

    @ConfigProperty(name = "pacs.admin.authentication", defaultValue = "true")
    boolean adminAuthentication;

    @ConfigProperty(name = "pacs.findings.view.authentication", defaultValue = "true")
    boolean findingsAuthentication;

    @ConfigProperty(name = "pacs.admin.user", defaultValue = "admin")
    String user;

    @ConfigProperty(name = "pacs.admin.password")
    Optional<String> password;

    private ConsoleCredentials credentials;

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    void announce(@Observes StartupEvent start) {
        if ((adminAuthentication || findingsAuthentication) && credentials() == null) {
            LOG.warnf("No admin password set (PACS_ADMIN_PASSWORD): /admin/*%s answer 403",
                    findingsAuthentication ? " and /findings" : "");
        }
        if (!adminAuthentication) {
            LOG.warn("pacs.admin.authentication=false: /admin/* is open to anyone who reaches the HTTP port");
        }
    }

    void filter(RoutingContext context) {
        String path = context.normalizedPath();
        if (!isProtected(path)) {
            context.next();
            return;
        }
        ConsoleCredentials known = credentials();
        if (known == null) {
            context.response().setStatusCode(403).putHeader("Content-Type", "text/plain")
                    .end("no admin password is configured (PACS_ADMIN_PASSWORD)\n");
            return;
        }
        String[] presented = basic(context.request().getHeader("Authorization"));
        if (presented != null && known.matches(presented[0], presented[1])) {
            context.next();
            return;
        }
        context.response().setStatusCode(401)
                .putHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"")
                .end();
    }

    boolean isProtected(String path) {
        if (path == null) {
            return false;
        }
        return adminAuthentication && (path.equals("/admin") || path.startsWith("/admin/"))
                || findingsAuthentication && (path.equals("/findings") || path.startsWith("/findings/"));
    }

    private ConsoleCredentials credentials() {
        if (credentials == null && password.filter(p -> !p.isEmpty()).isPresent()) {
            credentials = new ConsoleCredentials(user, password.get());
        }
        return credentials;
    }

    /** User and password of a Basic {@code Authorization} header, or null. */
    static String[] basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
