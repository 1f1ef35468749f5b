package org.pacsbridge.reports;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChestReportFilterTest {

    private final ChestReportFilter filter = ChestReportFilter.defaults();

    static Report report(String code, String text) {
        return new Report(null, "id", 1, "C1", "ORU^R01", "2.5.1", "RIS", "RAD", "ACC1", null, null, null, null,
                code, text, null, ReportStatus.FINAL, "F", null, null, "text", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"XR CHEST 2 VIEWS", "xr chest", "CXR portable", "CHEST PA", "Chest AP supine", "CHEST LAT",
            "chest lateral", "CHEST PA AND LATERAL", "CHEST X-RAY", "Chest xray", "CHEST RADIOGRAPH", "Chest radiography 1 view",
            "THORAX", "Röntgen Thorax p.a.", "X-RAY CHEST", "DX CHEST 2 VIEWS", "CHEST 2 VIEWS"})
    void chestDescriptionsMatch(String text) {
        assertTrue(filter.isChest(report("LOCAL1", text)), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CT CHEST W CONTRAST", "MR CHEST", "MRI chest", "CT THORAX", "CTA CHEST PE PROTOCOL", "PET-CT chest",
            "US CHEST", "NM lung perfusion", "CT HEAD WO CONTRAST", "XR HAND", "CHESTER MRI BRAIN", "chest wall ultrasound"})
    void otherExaminationsDoNotMatch(String text) {
        assertFalse(filter.isChest(report("LOCAL1", text)), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"36643-5", "30745-4", "24648-8", "36554-4", "71046", "CXR", "xrchest", " XRCHEST "})
    void chestCodesMatchWithoutText(String code) {
        assertTrue(filter.isChest(report(code, null)), code);
    }

    @Test
    void noProcedureIsNotChest() {
        assertFalse(filter.isChest(report(null, null)));
        assertFalse(filter.isChest(report("24627-2", "CT CHEST")));
    }

    @Test
    void customCodesAndPattern() {
        ChestReportFilter custom = new ChestReportFilter(List.of("RX123"), Pattern.compile("(?i)lung"));
        assertTrue(custom.isChest(report("rx123", null)));
        assertTrue(custom.isChest(report("X", "Lung view")));
        assertFalse(custom.isChest(report("CXR", "XR CHEST")));
    }
}
