package org.pacsbridge.xraydar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.pacsbridge.xraydar.ChestRadiographFilter.Image;

class ChestRadiographFilterTest {

    private static final Pattern CHEST = Pattern.compile("(?i)\\b(chest|thorax|cxr)\\b");
    private final ChestRadiographFilter frontalOnly = new ChestRadiographFilter(List.of("CR", "DX"),
            List.of("CHEST", "THORAX"), CHEST, false, true);

    @Test
    void acceptsAFrontalChestRadiograph() {
        assertTrue(frontalOnly.decide(new Image("DX", "CHEST", null, null, "FOR PRESENTATION", "PA",
                "1.2.840.10008.5.1.4.1.1.1.1")).accepted());
        assertTrue(frontalOnly.decide(new Image("CR", "THORAX", null, null, null, "AP", "1.2.840.10008.5.1.4.1.1.1")).accepted());
    }

    @Test
    void withoutABodyPartTheDescriptionDecides() {
        assertTrue(frontalOnly.decide(new Image("CR", null, "XR CHEST PA", null, null, "PA", null)).accepted());
        assertTrue(frontalOnly.decide(new Image("CR", " ", null, "CXR portable", null, null, null)).accepted());
        assertEquals("body-part", frontalOnly.decide(new Image("CR", null, "XR HAND LEFT", null, null, "PA", null)).reason());
    }

    @Test
    void rejectsOtherModalitiesBodyPartsProcessingImagesAndLaterals() {
        assertEquals("modality", frontalOnly.decide(new Image("CT", "CHEST", null, null, null, null, null)).reason());
        assertEquals("modality", frontalOnly.decide(new Image(null, "CHEST", null, null, null, null, null)).reason());
        assertEquals("body-part", frontalOnly.decide(new Image("DX", "HAND", "XR CHEST", null, null, "PA", null)).reason());
        assertEquals("for-processing", frontalOnly.decide(new Image("DX", "CHEST", null, null, "FOR PROCESSING", "PA", null)).reason());
        assertEquals("for-processing", frontalOnly.decide(new Image("DX", "CHEST", null, null, null, "PA",
                "1.2.840.10008.5.1.4.1.1.1.1.1")).reason());
        assertEquals("view", frontalOnly.decide(new Image("DX", "CHEST", null, null, null, "LL", null)).reason());
    }

    @Test
    void lateralViewsWhenConfigured() {
        var withLaterals = new ChestRadiographFilter(List.of("DX"), List.of("CHEST"), CHEST, true, false);
        assertTrue(withLaterals.decide(new Image("DX", "CHEST", null, null, null, "LL", null)).accepted());
        assertEquals("view-unknown", withLaterals.decide(new Image("DX", "CHEST", null, null, null, null, null)).reason());
    }
}
