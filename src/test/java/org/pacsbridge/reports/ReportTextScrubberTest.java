package org.pacsbridge.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pacsbridge.testing.IdentifyingReports;

/** The values a report's source names: how they are found in its text, and what is left alone. */
class ReportTextScrubberTest {

    private static final PatientIdentity ANNA = PatientIdentity.builder()
            .name("Müller-Lüdenscheidt").name("van der Berg").name("Anna").name("Maria").name("J")
            .identifier("4711-0815").identifier("ROSEBUD").identifier("12")
            .date(LocalDate.of(1964, 7, 3))
            .address("12 Lindenallee").address("Bad Homburg").address("61348").address("NY")
            .phone("+49 6172 123456").email("anna@example.org")
            .build();

    private final ReportTextScrubber scrubber = new ReportTextScrubber();

    @Test
    void removesNamesAsWholeWordsCaseInsensitive() {
        assertEquals("Patient [NAME], [NAME] [NAME] presented; Annabelle and Marianne stay.",
                scrubber.scrub("Patient MÜLLER-LÜDENSCHEIDT, anna Maria presented; Annabelle and Marianne stay.", ANNA));
        assertEquals("Mrs [NAME] and Mr [NAME].", scrubber.scrub("Mrs Müller and Mr Lüdenscheidt.", ANNA));
        assertEquals("Dr [NAME] reviewed; [NAME] agreed.", scrubber.scrub("Dr van  der Berg reviewed; Berg agreed.", ANNA));
    }

    @Test
    void removesNamesWrittenWithoutAccents() {
        assertEquals("[NAME], [NAME]-[NAME].", scrubber.scrub("Muller, MUELLER-Ludenscheidt.", ANNA));
    }

    @Test
    void ignoresNamesShorterThanTwoCharacters() {
        assertEquals("J wave seen, J-point elevation, a small effusion.",
                scrubber.scrub("J wave seen, J-point elevation, a small effusion.", ANNA));
    }

    @Test
    void keepsParticlesOfMultiWordNames() {
        assertEquals("Die Lunge der Patientin ist frei, van removed.", scrubber.scrub("Die Lunge der Patientin ist frei, van removed.", ANNA));
    }

    @Test
    void removesIdentifiersWhateverSeparatesTheirCharacters() {
        assertEquals("MRN [ID], [ID], [ID], [ID]; patient [ID]; nodule 12 mm.",
                scrubber.scrub("MRN 4711-0815, 47110815, 4711 0815, 4711/0815; patient rosebud; nodule 12 mm.", ANNA));
        assertEquals("word ROSEBUDS stays", scrubber.scrub("word ROSEBUDS stays", ANNA));
    }

    @ParameterizedTest
    @ValueSource(strings = {"19640703", "1964-07-03", "03.07.1964", "3.7.1964", "03/07/1964", "07/03/1964", "03-07-1964",
            "03.07.64", "3 July 1964", "3. Juli 1964", "3 Jul 1964", "July 3, 1964", "Jul 3rd 1964", "03 JULY 1964",
            "3rd of July 1964"})
    void removesTheBirthDateInCommonForms(String form) {
        assertEquals("born [DATE].", scrubber.scrub("born " + form + ".", ANNA));
    }

    @Test
    void removesAddressesPhonesAndEmails() {
        assertEquals("Lives [ADDRESS], [ADDRESS] [ADDRESS] ([ADDRESS]); NY stays. Call [PHONE] or [PHONE]; mail [EMAIL].",
                scrubber.scrub("Lives 12 Lindenallee, Bad  Homburg 61348 (Lindenallee); NY stays. Call 06172/123456 or "
                        + "+49 (6172) 12 34 56; mail ANNA@example.org.", ANNA));
    }

    @Test
    void aNameThatIsAlsoAMarkerWordDoesNotBreakMarkers() {
        PatientIdentity odd = PatientIdentity.builder().name("Name").name("Date").identifier("IDID").build();
        assertEquals("[NAME] [NAME] on [DATE].", scrubber.scrub("Name Date on 12/03/1961.", odd));
    }

    @Test
    void withoutIdentityTheGenericRulesStillApply() {
        String text = "Mr Smith, DOB 12/03/1961, MRN12345678, tel 0113 243 3144, a.b@example.org. Nodule 5 mm, T4.";
        String expected = "Mr [NAME], DOB [DATE], [ID], tel [PHONE], [EMAIL]. Nodule 5 mm, T4.";
        assertEquals(expected, scrubber.scrub(text, PatientIdentity.EMPTY));
        assertEquals(expected, scrubber.scrub(text, null));
        assertEquals("", scrubber.scrub("", ANNA));
        assertNull(scrubber.scrub(null, ANNA));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1-", "L1-", "A1-", "4711-", "1.", "1 ", "+1 ", "x@", "Mr ", "12 March ", "MRN 12 ", "a", "1"})
    void pathologicalTextIsScrubbedInBoundedTimeAndStack(String unit) {
        // a sender controls the text: a long run must neither take quadratic time nor overflow the regex stack
        String text = unit.repeat(400_000 / unit.length());
        String scrubbed = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> scrubber.scrub(text, ANNA));
        assertTrue(scrubbed.length() > 0);
    }

    @Test
    void scrubsEverythingAnHl7MessageSaysAboutPeople() throws Exception {
        String accession = "ACU" + System.nanoTime();
        Report report = new ReportExtractor().extract(new Hl7MessageParser().parse(IdentifyingReports.er7(accession)),
                ExtractionSettings.defaults());
        String scrubbed = scrubber.scrub(report.reportText(), report.identity());
        IdentifyingReports.assertNoIdentifierIn(scrubbed, accession);
        IdentifyingReports.assertMedicalTextIn(scrubbed);
    }

    @Test
    void readsTheIdentityWithTheMessagesOwnDelimitersAndEscapes() throws Exception {
        // component separator %, subcomponent #; an escaped % (\\S\\) stays part of the value
        String message = "MSH|%~\\#|RIS|HOSP|PACSBRIDGE|HOSP|20240315101500||ORU%R01|C1|P|2.5.1\r"
                + "PID|1||Q7Z\\S\\4411%%%HOSP%MR||Quennell#Voss%Ottoline||19550101\r"
                + "OBR|1||ACC9%RIS|XRCHEST%XR CHEST PA|||20240315093000|||||||||||||||||F\r"
                + "OBX|1|TX|REPORT||Ottoline QUENNELL-VOSS, Q7Z%4411, \\H\\Quennell\\N\\ \\X566F7373\\: T4 normal.||||||F\r";
        Report report = new ReportExtractor().extract(new Hl7MessageParser().parse(message), ExtractionSettings.defaults());
        assertEquals("[NAME] [NAME]-[NAME], [ID], [NAME] [NAME]: T4 normal.", scrubber.scrub(report.reportText(), report.identity()));
    }

    @Test
    void scrubsEverythingTheIdentityFieldsOfReportJsonName() throws Exception {
        String accession = "ACV" + System.nanoTime();
        Report report = new ReportJson().fromJson(IdentifyingReports.json(accession));
        String scrubbed = scrubber.scrub(report.reportText(), report.identity());
        IdentifyingReports.assertNoIdentifierIn(scrubbed, accession);
        IdentifyingReports.assertMedicalTextIn(scrubbed);
    }
}
