package org.pacsbridge.ops.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** A resource that forgot to declare its access rule: it must be refused to everyone. */
@Path("/unruled")
public class UnruledResource {

    static volatile int calls;

    @GET
    public String read() {
        calls++;
        return "reached";
    }

    @POST
    public String write() {
        calls++;
        return "reached";
    }
}
