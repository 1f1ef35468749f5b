package org.pacsbridge.ops.http;

import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.pacsbridge.dicom.net.LogSafe;
import org.pacsbridge.ops.console.ConsoleCredentials;
import org.pacsbridge.ops.console.LoginThrottle;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpServerRequest;

/**
 * Access to the HTTP port's REST resources, decided after the request has been matched to its
 * resource method (so no spelling of the path — matrix parameters, encoded or doubled slashes, dot
 * segments — can reach a resource past it): the method's or class's {@link RequiresLogin} says
 * which setting applies; a resource without one is refused. State-changing requests from pages of
 * other origins are refused first. Health and metrics are no REST resources and stay open.
 */
@ApplicationScoped
public class OperatorAccessFilter {

    static final String REALM = "pacs-bridge";
    private static final Logger LOG = Logger.getLogger(OperatorAccessFilter.class);

    private final boolean adminAuthentication;
    private final boolean findingsAuthentication;
    private final boolean dicomwebAuthentication;
    private final List<AreaLogin> areas;
    private final AdminLogin login;

    OperatorAccessFilter(AdminConfig admin, Instance<AreaLogin> areas) {
        this.adminAuthentication = admin.authentication();
        this.findingsAuthentication = areas.stream().filter(a -> a.area() == RequiresLogin.Area.FINDINGS_VIEW)
                .allMatch(AreaLogin::required);
        this.dicomwebAuthentication = areas.stream().filter(a -> a.area() == RequiresLogin.Area.DICOMWEB)
                .allMatch(AreaLogin::required);
        this.areas = areas.stream().toList();
        ConsoleCredentials credentials = admin.password().filter(p -> !p.isEmpty())
                .map(p -> new ConsoleCredentials(admin.user(), p)).orElse(null);
        this.login = new AdminLogin(credentials, new LoginThrottle(Clock.systemUTC()));
    }

    void announce(@Observes StartupEvent start) {
        if ((adminAuthentication || findingsAuthentication) && !login.hasPassword()) {
            LOG.warnf("No admin password set (PACS_ADMIN_PASSWORD): %s answer 403",
                    adminAuthentication && findingsAuthentication ? "the admin endpoints and the findings view"
                            : adminAuthentication ? "the admin endpoints" : "the findings view");
        }
        if (dicomwebAuthentication && !login.hasPassword()) {
            LOG.warn("No admin password set (PACS_ADMIN_PASSWORD): DICOMweb STOW-RS takes only its bearer token"
                    + " (pacs.stow.token), and answers 403 to HTTP Basic");
        }
        if (!adminAuthentication) {
            LOG.warn("pacs.admin.authentication=false: /admin/* is open to anyone who reaches the HTTP port");
        }
    }

    /**
     * Quarkus REST answers OPTIONS for every resource by itself, before the filters that see the matched
     * resource; the node has no use for OPTIONS (no cross-origin callers), so it is refused outright.
     */
    @ServerRequestFilter(preMatching = true)
    Optional<Response> refuseOptions(ContainerRequestContext request) {
        if (HttpMethod.OPTIONS.equalsIgnoreCase(request.getMethod())) {
            return Optional.of(plain(Response.Status.FORBIDDEN, "OPTIONS is not served\n"));
        }
        return Optional.empty();
    }

    @ServerRequestFilter
    Optional<Response> filter(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        if (SameOriginRule.isStateChanging(request.getMethod())
                && !SameOriginRule.allows(request.getUriInfo().getRequestUri(), request.getHeaderString("Origin"),
                        request.getHeaderString("Referer"))) {
            LOG.warnf("Refused a cross-site %s from %s (Origin %s)", request.getMethod(), address(http),
                    request.getHeaderString("Origin") == null ? "-" : LogSafe.text(request.getHeaderString("Origin")));
            return Optional.of(plain(Response.Status.FORBIDDEN, "cross-site request refused\n"));
        }
        RequiresLogin rule = rule(resource);
        if (rule == null) {
            LOG.errorf("Refused %s: resource %s declares no access rule", request.getMethod(), describe(resource));
            return Optional.of(plain(Response.Status.FORBIDDEN, "forbidden\n"));
        }
        if (!loginRequired(rule.value())) {
            return Optional.empty();
        }
        if (bearerAccepted(rule.value(), request.getHeaderString("Authorization"))) {
            return Optional.empty();
        }
        String address = address(http);
        AdminLogin.Outcome outcome = login.check(request.getHeaderString("Authorization"), address);
        if (outcome instanceof AdminLogin.Accepted) {
            return Optional.empty();
        }
        if (outcome instanceof AdminLogin.NoPasswordSet) {
            return Optional.of(plain(Response.Status.FORBIDDEN, "no admin password is configured (PACS_ADMIN_PASSWORD)\n"));
        }
        if (outcome instanceof AdminLogin.Throttled throttled) {
            LOG.warnf("Admin log-in from %s throttled after repeated wrong passwords", address);
            return Optional.of(Response.status(Response.Status.TOO_MANY_REQUESTS)
                    .header("Retry-After", Long.toString(wholeSecondsUp(throttled.retryAfter())))
                    .type(MediaType.TEXT_PLAIN_TYPE).entity("too many wrong passwords; retry later\n").build());
        }
        return Optional.of(Response.status(Response.Status.UNAUTHORIZED)
                .header("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"").build());
    }

    /** Rounded up: a client that waits exactly this long finds the block over. */
    static long wholeSecondsUp(Duration wait) {
        long seconds = wait.toSeconds();
        return Math.max(1, wait.equals(Duration.ofSeconds(seconds)) ? seconds : seconds + 1);
    }

    private boolean loginRequired(RequiresLogin.Area area) {
        return switch (area) {
            case ADMIN -> adminAuthentication;
            case FINDINGS_VIEW -> findingsAuthentication;
            case DICOMWEB -> dicomwebAuthentication;
        };
    }

    /** A bearer token the area takes; only areas with a token of their own take one. */
    private boolean bearerAccepted(RequiresLogin.Area area, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        String token = authorization.substring(7).strip();
        return !token.isEmpty() && areas.stream().filter(a -> a.area() == area).anyMatch(a -> a.acceptsBearer(token));
    }

    private static RequiresLogin rule(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method != null && method.isAnnotationPresent(RequiresLogin.class)) {
            return method.getAnnotation(RequiresLogin.class);
        }
        Class<?> type = resource.getResourceClass();
        return type == null ? null : type.getAnnotation(RequiresLogin.class);
    }

    private static String describe(ResourceInfo resource) {
        Class<?> type = resource.getResourceClass();
        Method method = resource.getResourceMethod();
        return (type == null ? "?" : type.getName()) + "#" + (method == null ? "?" : method.getName());
    }

    private static String address(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }

    private static Response plain(Response.Status status, String text) {
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE).entity(text).build();
    }
}
