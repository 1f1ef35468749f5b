package org.pacsbridge.tcia;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.pacsbridge.ops.http.RequiresLogin;

/**
 * The on-demand trigger: {@code POST /admin/tcia/sync} starts a sync now ({@code ?full=true}: a full
 * listing, which also removes series TCIA no longer lists) and answers 202, or 409 while one runs;
 * {@code GET} tells how the sync is doing.
 */
@RequiresLogin(RequiresLogin.Area.ADMIN)
@Path("/admin/tcia/sync")
@Produces(MediaType.APPLICATION_JSON)
public class TciaSyncResource {

    @Inject
    TciaSyncTrigger trigger;

    @Inject
    TciaSyncService sync;

    @POST
    public Response start(@QueryParam("full") @DefaultValue("false") boolean full) {
        boolean started = trigger.start(full);
        return Response.status(started ? Response.Status.ACCEPTED : Response.Status.CONFLICT)
                .entity(sync.status()).build();
    }

    @GET
    public TciaSyncStatus status() {
        return sync.status();
    }
}
