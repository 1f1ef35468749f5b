package org.pacsbridge.tcia;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pacsbridge.tcia.TciaException.Kind;

/** What both TCIA interfaces share: transport, credentials, answer reading and the image download. */
abstract class BaseTciaClient implements TciaClient {

    private static final Pattern ENDPOINT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final Pattern FILE_NAME = Pattern.compile("filename\\*?=\\s*\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final int MAX_MISTAKEN_BODY = 8 * 1024;

    protected final TciaSettings settings;
    protected final Redactor redactor = new Redactor();
    protected final TciaHttp http;
    protected final TciaAnswerTally tally = new TciaAnswerTally();

    BaseTciaClient(TciaSettings settings, HttpClient httpClient) {
        this.settings = Objects.requireNonNull(settings, "settings");
        redactor.add(settings.apiKey());
        redactor.add(settings.password());
        redactor.add(settings.clientSecret());
        this.http = new TciaHttp(settings, httpClient, redactor);
    }

    /** The credentials every query carries. */
    protected abstract TciaAuth auth();

    /** The URL of a query endpoint, e.g. {@code getSeries}. */
    protected abstract URI endpointUrl(String endpoint);

    /** Operations this interface offers. */
    protected abstract boolean offers(TciaOperation operation);

    /** Whether an empty body (or 204) means "nothing matched" rather than a broken answer. */
    protected abstract boolean emptyBodyMeansNoRows();

    @Override
    public TciaApi api() {
        return settings.api();
    }

    @Override
    public boolean supports(TciaOperation operation) {
        return offers(operation);
    }

    @Override
    public TciaRawAnswer query(String endpoint, Map<String, String> parameters, TciaFormat format)
            throws TciaException {
        requireEndpointName(endpoint);
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(format, "format");
        QueryString query = QueryString.create();
        parameters.forEach(query::add);
        query.add("format", format.parameterValue());
        TciaAnswer answer = http.exchange(TciaRequest.get(endpoint, endpointUrl(endpoint), query), auth());
        return new TciaRawAnswer(endpoint, format, answer.headers().firstValue("Content-Type"),
                new String(answer.body(), StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        http.close();
    }

    protected TciaAnswer get(String endpoint, URI url, QueryString query) throws TciaException {
        return http.exchange(TciaRequest.get(endpoint, url, query), auth());
    }

    @Override
    public TciaAnswerTally answerTally() {
        return tally;
    }

    protected List<JsonRow> rows(String endpoint, QueryString query) throws TciaException {
        return JsonRows.parse(get(endpoint, endpointUrl(endpoint), query), emptyBodyMeansNoRows(), tally);
    }

    protected <T> List<T> records(String endpoint, QueryString query, JsonRows.RowReader<T> reader)
            throws TciaException {
        return records(get(endpoint, endpointUrl(endpoint), query), reader);
    }

    protected <T> List<T> records(TciaAnswer answer, JsonRows.RowReader<T> reader) throws TciaException {
        return JsonRows.read(answer, emptyBodyMeansNoRows(), tally, reader);
    }

    protected List<String> values(String endpoint, QueryString query, String key) throws TciaException {
        return JsonRows.values(get(endpoint, endpointUrl(endpoint), query), key, emptyBodyMeansNoRows(), tally);
    }

    protected List<TciaSeries> series(String endpoint, URI url, QueryString query, TciaAnswerReader reader)
            throws TciaException {
        return records(get(endpoint, url, query), reader::series);
    }

    protected List<TciaStudy> studies(String endpoint, QueryString query, TciaAnswerReader reader)
            throws TciaException {
        return records(endpoint, query, reader::study);
    }

    protected List<TciaPatient> patients(String endpoint, QueryString query, TciaAnswerReader reader)
            throws TciaException {
        return records(endpoint, query, reader::patient);
    }

    protected Optional<TciaSeriesSize> seriesSize(QueryString query, TciaAnswerReader reader) throws TciaException {
        List<JsonRow> rows = rows("getSeriesSize", query);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        if (rows.size() > 1) {
            throw new TciaException(Kind.MALFORMED_RESPONSE, "getSeriesSize",
                    "expected one element, got " + rows.size());
        }
        return reader.seriesSize(rows.get(0));
    }

    /** Opens a ZIP answer; an answer that is text or JSON instead is reported, not handed on. */
    protected TciaImageDownload download(String endpoint, String seriesInstanceUid, QueryString query)
            throws TciaException {
        TciaHttp.StreamingAnswer answer = http.open(TciaRequest.get(endpoint, endpointUrl(endpoint), query), auth());
        boolean handedOver = false;
        try {
            if (answer.status() != 200) {
                throw new TciaException(Kind.UNEXPECTED_STATUS, endpoint, "expected 200 with a ZIP, got HTTP "
                        + answer.status(), answer.status(), null, null, null);
            }
            String contentType = answer.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            if (contentType.startsWith("text/") || contentType.contains("json")) {
                throw new TciaException(Kind.MALFORMED_RESPONSE, endpoint, "expected a ZIP, got " + contentType,
                        answer.status(), redactor.redact(ErrorBodies.describe(readSome(answer.body()))), null, null);
            }
            String fileName = answer.headers().firstValue("Content-Disposition").map(BaseTciaClient::fileName)
                    .orElse(null);
            Integer imageCount = answer.headers().firstValue("imageCount").map(BaseTciaClient::integerOrNull)
                    .orElse(null);
            handedOver = true;
            return new TciaImageDownload(seriesInstanceUid, fileName, imageCount, answer.body());
        } finally {
            if (!handedOver) {
                closeQuietly(answer.body());
            }
        }
    }

    protected TciaException unsupported(String endpoint, String why) {
        return new TciaException(Kind.UNSUPPORTED, endpoint, "not offered by TCIA " + settings.api().configName()
                + (why == null ? "" : " (" + why + ")"));
    }

    protected void requireSupported(TciaOperation operation, String endpoint) throws TciaException {
        if (!offers(operation)) {
            throw unsupported(endpoint, null);
        }
    }

    protected static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.strip();
    }

    protected static void requireEndpointName(String endpoint) {
        if (endpoint == null || !ENDPOINT_NAME.matcher(endpoint).matches()) {
            throw new IllegalArgumentException("not an endpoint name: " + endpoint);
        }
    }

    static String fileName(String contentDisposition) {
        Matcher m = FILE_NAME.matcher(contentDisposition);
        return m.find() ? m.group(1).strip() : null;
    }

    private static Integer integerOrNull(String value) {
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static byte[] readSome(InputStream in) {
        try {
            return in.readNBytes(MAX_MISTAKEN_BODY);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // the download is abandoned anyway
        }
    }
}
