package org.pacsbridge.tcia;

import java.util.Optional;

/**
 * The body of a query in a chosen format, unparsed.
 *
 * @param endpoint    the endpoint called
 * @param format      the format asked for
 * @param contentType the answer's {@code Content-Type}, if any
 * @param body        the body as text (UTF-8); empty when the server found nothing
 */
public record TciaRawAnswer(String endpoint, TciaFormat format, Optional<String> contentType, String body) {
}
