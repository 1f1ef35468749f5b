package org.pacsbridge.dicomweb;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.jboss.logging.Logger;
import org.pacsbridge.camel.dicom.DicomConsumer;
import org.pacsbridge.camel.dicom.DicomEndpoint;
import org.pacsbridge.dicom.net.AssociationInfo;
import org.pacsbridge.dicom.net.CStoreHandler;
import org.pacsbridge.dicom.net.LogSafe;
import org.pacsbridge.ops.http.RequiresLogin;

import io.vertx.core.http.HttpServerRequest;

/**
 * DICOMweb Store Instances (STOW-RS, PS3.18 10.5): {@code POST /dicomweb/studies} and
 * {@code POST /dicomweb/studies/{StudyInstanceUID}} with a {@code multipart/related; type="application/dicom"}
 * body of Part 10 instances. Each instance is streamed into the Storage SCP's spool through the SCP's own store
 * handler (same fsync, duplicate policy and watermark) and then runs through routes/dicom-ingest.yaml; the answer
 * is sent once every stored instance is durable.
 */
@RequiresLogin(RequiresLogin.Area.DICOMWEB)
@Path("/dicomweb/studies")
public class StowResource {

    /** The route whose Storage SCP spools the instances. */
    static final String DICOM_ROUTE = "dicom-ingest";
    /** The calling AE title an instance stored by STOW-RS is recorded with. */
    static final String CALLING_AE = "STOW-RS";
    static final String RETRY_AFTER_SECONDS = "60";
    private static final Logger LOG = Logger.getLogger(StowResource.class);

    @Inject
    StowConfig config;

    @Inject
    CamelContext camel;

    @POST
    public Response storeInstances(@jakarta.ws.rs.core.Context HttpHeaders headers, HttpServerRequest http,
            InputStream body) {
        return store(headers, http, body, null);
    }

    @POST
    @Path("{study}")
    public Response storeStudyInstances(@PathParam("study") String study,
            @jakarta.ws.rs.core.Context HttpHeaders headers, HttpServerRequest http, InputStream body) {
        return store(headers, http, body, study);
    }

    private Response store(HttpHeaders headers, HttpServerRequest http, InputStream body, String study) {
        if (!config.enabled()) {
            return plain(Response.Status.NOT_FOUND, "STOW-RS is not enabled (pacs.stow.enabled)\n");
        }
        ContentType type = ContentType.parse(headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
        if (type == null || !type.is("multipart/related") || type.parameter("boundary") == null
                || type.parameter("boundary").isEmpty() || type.parameter("boundary").length() > MultipartRelatedReader.MAX_BOUNDARY
                || (type.parameter("type") != null && !type.parameter("type").equalsIgnoreCase("application/dicom"))) {
            return plain(Response.Status.UNSUPPORTED_MEDIA_TYPE,
                    "expected multipart/related; type=\"application/dicom\"; boundary=...\n");
        }
        long maxRequest = config.maxRequestSize().asLongValue();
        if (headers.getLength() > maxRequest) {
            return tooLarge(http, "request larger than " + maxRequest + " bytes (pacs.stow.max-request-size)");
        }
        DicomConsumer consumer = consumer();
        CStoreHandler handler = consumer == null ? null : consumer.getStoreHandler();
        if (handler == null) {
            return unavailable(http, "the DICOM ingest is not running\n");
        }
        try {
            if (consumer.getSpool().belowWatermark()) {
                LOG.warn("Spool below its free-space watermark: STOW-RS request refused with 503");
                return unavailable(http, "spool below its free-space watermark\n");
            }
        } catch (IOException e) {
            return unavailable(http, "spool unavailable\n");
        }
        StowInstanceStore store = new StowInstanceStore(handler,
                origin(http, ((DicomEndpoint) consumer.getEndpoint()).getAeTitle()));
        MultipartRelatedReader reader = new MultipartRelatedReader(new CountingInput(body, maxRequest),
                type.parameter("boundary"), config.maxInstanceSize().asLongValue());
        List<InstanceOutcome> outcomes = new ArrayList<>();
        try {
            for (MultipartRelatedReader.Part part = reader.next(); part != null; part = reader.next()) {
                outcomes.add(storePart(store, part, study));
            }
        } catch (MultipartRelatedReader.PartTooLargeException e) {
            return tooLarge(http, "an instance is larger than " + config.maxInstanceSize().asLongValue()
                    + " bytes (pacs.stow.max-instance-size)" + storedBefore(outcomes));
        } catch (RequestTooLargeException e) {
            return tooLarge(http, "request larger than " + maxRequest + " bytes (pacs.stow.max-request-size)"
                    + storedBefore(outcomes));
        } catch (IOException e) {
            LOG.warnf("STOW-RS request from %s failed after %d instances: %s", http.remoteAddress(), outcomes.size(),
                    LogSafe.text(e.getMessage()));
            return closing(http, Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("malformed or incomplete body: " + e.getMessage() + storedBefore(outcomes) + "\n"));
        }
        if (outcomes.isEmpty()) {
            return plain(Response.Status.BAD_REQUEST, "no instance in the body\n");
        }
        StoreInstancesResponse response = new StoreInstancesResponse(outcomes);
        long stored = outcomes.stream().filter(InstanceOutcome::stored).count();
        LOG.infof("STOW-RS from %s: %d instances stored, %d failed", http.remoteAddress(), stored,
                outcomes.size() - stored);
        boolean xml = headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> StoreInstancesResponse.XML.equalsIgnoreCase(m.getType() + "/" + m.getSubtype()));
        return Response.status(response.httpStatus())
                .type(xml ? StoreInstancesResponse.XML : StoreInstancesResponse.JSON)
                .entity(xml ? response.xml() : response.json()).build();
    }

    private static InstanceOutcome storePart(StowInstanceStore store, MultipartRelatedReader.Part part, String study)
            throws IOException {
        ContentType partType = ContentType.parse(part.contentType());
        if (part.contentType() != null && (partType == null || !partType.is("application/dicom"))) {
            return new InstanceOutcome(null, null, org.pacsbridge.dicom.net.DimseStatus.CANNOT_UNDERSTAND);
        }
        return store.store(part.body(), study);
    }

    /** What a refused request leaves behind: instances already stored stay stored (and are processed). */
    private static String storedBefore(List<InstanceOutcome> outcomes) {
        long stored = outcomes.stream().filter(InstanceOutcome::stored).count();
        return stored == 0 ? "" : "; the " + stored + " instances before it are stored";
    }

    private DicomConsumer consumer() {
        Route route = camel.getRoute(DICOM_ROUTE);
        return route != null && route.getConsumer() instanceof DicomConsumer consumer ? consumer : null;
    }

    /** As a C-STORE to the SCP would be recorded: calling AE {@value #CALLING_AE}, called AE the SCP's own. */
    private static AssociationInfo origin(HttpServerRequest http, String calledAeTitle) {
        var remote = http.remoteAddress();
        InetSocketAddress address = null;
        if (remote != null && remote.hostAddress() != null) {
            try {
                // an address literal: no name lookup
                address = new InetSocketAddress(InetAddress.getByName(remote.hostAddress()), remote.port());
            } catch (UnknownHostException e) {
                address = InetSocketAddress.createUnresolved(remote.hostAddress(), remote.port());
            }
        }
        return new AssociationInfo(CALLING_AE, calledAeTitle, address, null, null);
    }

    /** The connection is closed after the answer: the rest of the body is not read. */
    private static Response tooLarge(HttpServerRequest http, String why) {
        LOG.warnf("STOW-RS request refused with 413: %s", why);
        return closing(http, Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE).type(MediaType.TEXT_PLAIN_TYPE)
                .entity(why + "\n"));
    }

    private static Response unavailable(HttpServerRequest http, String why) {
        return closing(http, Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header("Retry-After", RETRY_AFTER_SECONDS).type(MediaType.TEXT_PLAIN_TYPE).entity(why));
    }

    /**
     * An answer given before the end of the body, with the connection ended once it is written. The
     * {@code Connection: close} header alone does not end it: the HTTP server would read and discard the rest of
     * the body first, without bound for a chunked one, from a sender that does not wait for 100-continue.
     */
    private static Response closing(HttpServerRequest http, Response.ResponseBuilder answer) {
        http.response().endHandler(written -> http.connection().close());
        return answer.header("Connection", "close").build();
    }

    private static Response plain(Response.Status status, String text) {
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE).entity(text).build();
    }

    /** The request body is longer than the limit. */
    static final class RequestTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        RequestTooLargeException() {
            super("request body too large");
        }
    }

    /** Fails once more than {@code limit} bytes were read. */
    static final class CountingInput extends FilterInputStream {
        private final long limit;
        private long count;

        CountingInput(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws RequestTooLargeException {
            count += n;
            if (count > limit) {
                throw new RequestTooLargeException();
            }
        }
    }
}
