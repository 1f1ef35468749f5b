package org.pacsbridge.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportTextScrubberTest {

    private static final PatientIdentity ANNA = new PatientIdentity(List.of("Müller-Lüdenscheidt", "van der Berg"),
            List.of("Anna", "Maria", "J"), List.of("4711-0815", "900123456", "12"), LocalDate.of(1964, 7, 3));

    private final ReportTextScrubber scrubber = new ReportTextScrubber();

    @Test
    void removesNamesAsWholeWordsCaseInsensitive() {
        assertEquals("Patient [REMOVED], [REMOVED] [REMOVED] presented; Annabelle and Marianne stay.",
                scrubber.scrub("Patient MÜLLER-LÜDENSCHEIDT, anna Maria presented; Annabelle and Marianne stay.", ANNA));
        assertEquals("Mrs [REMOVED] and Mr [REMOVED].", scrubber.scrub("Mrs Müller and Mr Lüdenscheidt.", ANNA));
        assertEquals("Dr [REMOVED] reviewed.", scrubber.scrub("Dr van  der Berg reviewed.", ANNA));
    }

    @Test
    void ignoresNamesShorterThanTwoCharacters() {
        assertEquals("J wave seen, J-point elevation.", scrubber.scrub("J wave seen, J-point elevation.", ANNA));
    }

    @Test
    void keepsParticlesOfMultiWordNames() {
        assertEquals("Die Lunge der Patientin ist frei.", scrubber.scrub("Die Lunge der Patientin ist frei.", ANNA));
    }

    @Test
    void removesEveryIdentifierButNotShortOnes() {
        assertEquals("MRN [REMOVED], NHS [REMOVED]; nodule 12 mm; 47110815 kept.",
                scrubber.scrub("MRN 4711-0815, NHS 900123456; nodule 12 mm; 47110815 kept.", ANNA));
        assertEquals("id x9001234567", scrubber.scrub("id x9001234567", ANNA));
    }

    @ParameterizedTest
    @ValueSource(strings = {"19640703", "1964-07-03", "03.07.1964", "3.7.1964", "03/07/1964", "07/03/1964", "03-07-1964",
            "3 July 1964", "3. Juli 1964", "3 Jul 1964", "July 3, 1964", "Jul 3rd 1964", "03 JULY 1964"})
    void removesBirthDateInCommonForms(String form) {
        assertEquals("born [REMOVED].", scrubber.scrub("born " + form + ".", ANNA));
    }

    @Test
    void keepsOtherDates() {
        String text = "Compared with 1964-07-04 and 119640703 and 04.07.1964.";
        assertEquals(text, scrubber.scrub(text, ANNA));
    }

    @Test
    void emptyIdentityAndTextArePassedThrough() {
        assertEquals("Lungs clear.", scrubber.scrub("Lungs clear.", PatientIdentity.EMPTY));
        assertEquals("", scrubber.scrub("", ANNA));
    }

    @Test
    void scrubsWhatTheExtractorRead() throws Exception {
        String message = TestMessages.replaceSegment(TestMessages.oru("2.5.1"), "OBX", null)
                + TestMessages.obxTx(1, "Anna Müller-Lüdenscheidt (4711-0815), born 23.07.1964: lungs clear.") + "\r";
        Report r = new ReportExtractor().extract(new Hl7MessageParser().parse(message), ExtractionSettings.defaults());
        assertEquals("[REMOVED] [REMOVED] ([REMOVED]), born [REMOVED]: lungs clear.", scrubber.scrub(r.reportText(), r.identity()));
    }
}
