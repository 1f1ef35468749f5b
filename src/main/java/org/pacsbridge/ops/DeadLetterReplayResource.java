package org.pacsbridge.ops;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.pacsbridge.ops.http.RequiresLogin;

/**
 * The replay command: {@code POST /admin/deadletters/replay} replays every dead letter written so
 * far through its route, {@code GET} tells how far it is, {@code DELETE} stops it.
 */
@RequiresLogin(RequiresLogin.Area.ADMIN)
@Path("/admin/deadletters/replay")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterReplayResource {

    @Inject
    DeadLetterReplay replay;

    @POST
    public DeadLetterReplay.Status start() throws Exception {
        return replay.start();
    }

    @GET
    public DeadLetterReplay.Status status() {
        return replay.status();
    }

    @DELETE
    public DeadLetterReplay.Status stop() throws Exception {
        return replay.stop();
    }
}
