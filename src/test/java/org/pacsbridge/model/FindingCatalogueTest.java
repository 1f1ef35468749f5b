package org.pacsbridge.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.pacsbridge.model.FindingCatalogue.Finding;

class FindingCatalogueTest {

    @Test
    void hasTheThirtyEightModelKeysInTheModelsOrder() {
        List<Finding> all = FindingCatalogue.all();
        assertEquals(38, all.size());
        assertEquals("abnormal_non_clinically_important", all.get(0).modelKey());
        assertEquals("cardiac_calcification", all.get(11).modelKey());
        assertEquals("Pulmonary_bloodflow_redis.", all.get(36).modelKey());
        assertEquals("volume_loss", all.get(37).modelKey());
    }

    @Test
    void codesAndLabelsAreUniqueAndCodesAreLowerCaseWithoutDots() {
        Set<String> codes = new HashSet<>();
        Set<String> labels = new HashSet<>();
        for (Finding f : FindingCatalogue.all()) {
            assertTrue(codes.add(f.code()), f.code());
            assertTrue(labels.add(f.label()), f.label());
            assertEquals(f.modelKey().toLowerCase().replace(".", ""), f.code());
            assertTrue(f.code().matches("[a-z_]+"), f.code());
            assertFalse(f.label().isBlank());
        }
        Set<String> keys = FindingCatalogue.all().stream().map(Finding::modelKey).collect(Collectors.toSet());
        assertEquals(38, keys.size());
    }

    @Test
    void theOddlySpelledKeyMapsToAStableCodeAndAReadableLabel() {
        Finding redis = FindingCatalogue.byModelKey("Pulmonary_bloodflow_redis.").orElseThrow();
        assertEquals("pulmonary_bloodflow_redis", redis.code());
        assertEquals("Pulmonary blood flow redistribution", redis.label());
        assertEquals(redis, FindingCatalogue.byCode("pulmonary_bloodflow_redis").orElseThrow());
    }

    @Test
    void modelKeyLookupToleratesCaseAndAMissingTrailingDot() {
        Finding redis = FindingCatalogue.byCode("pulmonary_bloodflow_redis").orElseThrow();
        assertEquals(redis, FindingCatalogue.byModelKey("pulmonary_bloodflow_redis").orElseThrow());
        assertEquals(redis, FindingCatalogue.byModelKey("PULMONARY_BLOODFLOW_REDIS.").orElseThrow());
        assertEquals("cardiomegaly", FindingCatalogue.byModelKey("Cardiomegaly").orElseThrow().code());
        assertTrue(FindingCatalogue.byModelKey("cardio.megaly").isEmpty());
        assertTrue(FindingCatalogue.byModelKey("no_such_finding").isEmpty());
        assertTrue(FindingCatalogue.byModelKey(null).isEmpty());
    }

    @Test
    void codeLookupIsExact() {
        assertTrue(FindingCatalogue.byCode("Cardiomegaly").isEmpty());
        assertTrue(FindingCatalogue.byCode("pulmonary_bloodflow_redis.").isEmpty());
        assertEquals("Abnormal, not clinically important",
                FindingCatalogue.byCode("abnormal_non_clinically_important").orElseThrow().label());
    }
}
