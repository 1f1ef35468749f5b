package org.pacsbridge.tcia;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The four TCIA operations the reference sync calls ({@code getSeries}, {@code getUpdatedSeries},
 * {@code getSeriesSize}, {@code getImage}) and what it asks of the client besides. The sync's classes
 * ({@link TciaSyncService}, {@link TciaCatalogueSync}, {@link TciaReferenceImages}) see only this.
 *
 * <p>Failures are {@link TciaException}s: transient ones were already retried (see
 * {@link TciaSettings}); the next run tries again.
 */
public interface TciaSyncSource {

    /** The interface this client speaks. */
    TciaApi api();

    /** Whether the configured interface offers the operation. */
    boolean supports(TciaOperation operation);

    /** What this client has passed over in TCIA's answers so far (skipped elements, values read as absent). */
    TciaAnswerTally answerTally();

    /** {@code getSeries}. */
    List<TciaSeries> getSeries(TciaSeriesQuery query) throws TciaException;

    /** NBIA {@code getUpdatedSeries}: series released after {@code since}. */
    List<TciaSeries> getUpdatedSeries(LocalDate since) throws TciaException;

    /** {@code getSeriesSize}; empty for an unknown series (the server then answers {@code [{}]}). Slow on the server. */
    Optional<TciaSeriesSize> getSeriesSize(String seriesInstanceUid) throws TciaException;

    /** {@code getImage} with the server's default packing: the series as a ZIP stream the caller closes. */
    TciaImageDownload getImage(String seriesInstanceUid) throws TciaException;
}
