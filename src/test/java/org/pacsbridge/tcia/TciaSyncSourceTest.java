package org.pacsbridge.tcia;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The sync's path reads against the four operations it calls, not the whole client. */
class TciaSyncSourceTest {

    @Test
    void theSyncClassesSeeOnlyTheSyncSource() {
        List<String> wholeClient = new ArrayList<>();
        for (Class<?> type : List.of(TciaSyncService.class, TciaCatalogueSync.class, TciaReferenceImages.class,
                ReferenceSeriesDownloader.class)) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getType() == TciaClient.class) {
                    wholeClient.add(type.getSimpleName() + "." + field.getName());
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (Stream.of(constructor.getParameterTypes()).anyMatch(p -> p == TciaClient.class)) {
                    wholeClient.add(type.getSimpleName() + " constructor");
                }
            }
        }
        assertEquals(List.of(), wholeClient);
    }

    @Test
    void theSyncSourceHasTheFourOperationsTheSyncCalls() {
        List<String> calls = Stream.of(TciaSyncSource.class.getDeclaredMethods()).map(m -> m.getName())
                .filter(n -> n.startsWith("get")).sorted().toList();
        assertEquals(List.of("getImage", "getSeries", "getSeriesSize", "getUpdatedSeries"), calls);
    }
}
