package org.pacsbridge.tcia;

/**
 * What {@code getSeriesSize} answers.
 *
 * @param totalSizeInBytes {@code TotalSizeInBytes}
 * @param objectCount      {@code ObjectCount}
 */
public record TciaSeriesSize(long totalSizeInBytes, int objectCount) {
}
