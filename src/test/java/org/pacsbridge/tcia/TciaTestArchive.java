package org.pacsbridge.tcia;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.pacsbridge.tcia.TciaTestData.Series;

/**
 * The series an NBIA test double serves: the invented archive of {@link TciaTestData} to begin
 * with, changeable by a test (series added, changed, withdrawn; real DICOM files for getImage).
 */
final class TciaTestArchive {

    private final List<Series> series = new CopyOnWriteArrayList<>(TciaTestData.SERIES);
    private final Map<String, List<byte[]>> images = new ConcurrentHashMap<>();

    List<Series> series() {
        return List.copyOf(series);
    }

    Optional<Series> series(String uid) {
        return series.stream().filter(s -> s.uid().equals(uid)).findFirst();
    }

    /** Adds a series, or replaces the one with the same UID. */
    synchronized void put(Series value) {
        series.removeIf(s -> s.uid().equals(value.uid()));
        series.add(value);
    }

    /** Withdraws a series: it is no longer listed and its images are gone. */
    synchronized void remove(String uid) {
        series.removeIf(s -> s.uid().equals(uid));
        images.remove(uid);
    }

    /** The files getImage packs for the series, instead of the invented DICOM-looking ones. */
    void images(String uid, List<byte[]> files) {
        images.put(uid, List.copyOf(files));
    }

    Optional<List<byte[]>> images(String uid) {
        return Optional.ofNullable(images.get(uid));
    }

    /** Back to the invented archive. */
    synchronized void reset() {
        series.clear();
        series.addAll(TciaTestData.SERIES);
        images.clear();
    }
}
