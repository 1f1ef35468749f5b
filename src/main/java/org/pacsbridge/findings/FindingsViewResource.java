package org.pacsbridge.findings;

import java.io.IOException;
import java.io.InputStream;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.pacsbridge.ops.http.RequiresLogin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The read-only findings view: {@code /findings} (a page that polls the JSON every few seconds),
 * {@code /findings/api/studies} and {@code /findings/api/studies/{key}} for scripts. Answers 404
 * when {@code pacs.findings.view.enabled=false}.
 */
@RequiresLogin(RequiresLogin.Area.FINDINGS_VIEW)
@Path("/findings")
public class FindingsViewResource {

    private static final String PAGE = "/org/pacsbridge/findings/findings-view.html";

    @Inject
    FindingsView view;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() throws IOException {
        requireEnabled();
        try (InputStream in = FindingsViewResource.class.getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IllegalStateException("the findings page is missing from the build");
            }
            return Response.ok(in.readAllBytes())
                    .header("Cache-Control", "no-store")
                    .header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'")
                    .header("X-Content-Type-Options", "nosniff")
                    .build();
        }
    }

    @GET
    @Path("/api/studies")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode studies(@QueryParam("limit") @DefaultValue("50") int limit) {
        requireEnabled();
        return view.snapshot(Math.min(limit, 500));
    }

    @GET
    @Path("/api/studies/{key}")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonNode study(@PathParam("key") String key) {
        requireEnabled();
        return view.study(key).orElseThrow(() -> new NotFoundException("no study " + key + " in the view"));
    }

    private void requireEnabled() {
        if (!view.enabled()) {
            throw new NotFoundException("the findings view is off (pacs.findings.view.enabled=false)");
        }
    }
}
