package org.pacsbridge.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each rule that needs no identity: what it removes, and the medical text it must leave alone. */
class GenericScrubRulesTest {

    private static String scrub(String text) {
        return GenericScrubRules.apply(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12/03/1961", "12.03.1961", "12-03-1961", "3/12/1961", "12/03/61", "12.3.61", "1961-03-12",
            "1961/03/12", "1961.03.12", "1961-3-12", "12 March 1961", "12 MARCH 1961", "12th March 1961", "12th of March 1961",
            "12. März 1961", "12 Mar 1961", "12-Mar-1961", "12.Mar.1961", "March 12, 1961", "Mar. 12th, 1961", "march 12 1961",
            "12 Dezember 1961", "Sept 3, 2024", "March 1961", "19610312", "20240315101500", "20240315101500+0100",
            "2024-03-15T10:15", "2024-03-15 10:15:00"})
    void datesInCommonFormsBecomeDate(String date) {
        assertEquals("Compared with [DATE] today.", scrub("Compared with " + date + " today."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"anna.mueller@example.org", "J.Smith+rad@mail.nhs.uk", "dr_who@klinik-nord.de"})
    void emailAddressesBecomeEmail(String email) {
        assertEquals("Contact [EMAIL].", scrub("Contact " + email + "."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+44 20 7946 0958", "+44 (0)20 7946 0958", "+49 30 1234567", "+1-212-555-0147", "(0113) 243 3144",
            "(555) 555-1234", "0113 243 3144", "07700 900123", "030/1234567", "030 1234 5678", "212-555-0147", "212.555.0147"})
    void telephoneNumbersBecomePhone(String phone) {
        assertEquals("Call [PHONE] now.", scrub("Call " + phone + " now."));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "Tel: 5551234; Tel: [PHONE]",
            "phone no. 555 12 34; phone no. [PHONE]",
            "Fax 1234567; Fax [PHONE]",
            "Tel: 12 mm; Tel: 12 mm"})
    void labelledTelephoneNumbersBecomePhone(String text, String expected) {
        assertEquals(expected, scrub(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "NHS 943 476 5919; NHS [ID]",
            "NHS no. 943-476-5919; NHS no. [ID]",
            "MRN: 4711; MRN: [ID]",
            "MRN 123; MRN [ID]",
            "Patient ID 0815; Patient ID [ID]",
            "ID# 55512; ID# [ID]",
            "accession number 778812; accession number [ID]",
            "MRN12345678; [ID]",
            "ACC2024-0001; [ID]",
            "AB123456C; [ID]",
            "12345678X; [ID]",
            "X1234; [ID]",
            "4711-0815; [ID]",
            "123-45-6789; [ID]",
            "900123456; [ID]",
            "123456; [ID]",
            "1.2.826.0.1.3680043.8.498.1; [ID]"})
    void identifiersBecomeId(String text, String expected) {
        assertEquals("see " + expected + ".", scrub("see " + text + "."));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "Seen by Dr Smith.; Seen by Dr [NAME].",
            "Seen by Dr. John Smith.; Seen by Dr. [NAME].",
            "Prof. Dr. Müller-Lüdenscheidt agrees.; Prof. Dr. [NAME] agrees.",
            "Mrs O'Brien, 60; Mrs [NAME], 60",
            "Frau Schmidt war da.; Frau [NAME] war da.",
            "Name: Anna Maria Schmidt; Name: [NAME]"})
    void titledNamesBecomeName(String text, String expected) {
        assertEquals(expected, scrub(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Nodule 5 mm, previously 2.5 cm; now 12 x 14 x 16 mm.",
            "Fractures of T4, C7 and L1-L2; T12 wedge; S1 intact.",
            "Ratio 1/2, grade 3/4, BP 120/80, HR 72 bpm.",
            "T2-weighted, SpO2 98%, COVID-19, H1N1, HbA1c 6.5%, B12.",
            "Dose 1500mg, 3000ms, 10000IU, 1200 HU, 120 kVp.",
            "MR and MS are not titles; MS lesions; MR angiography.",
            "Changes since 2019-2021; follow-up in 2025.",
            "Lungs clear. Heart size normal. May be artefact. Mar at the apex.",
            "Measured 0.1234567 and 1.5 and 10-12 mm; 3-4 cm.",
            "IMPRESSION: 1. No pneumothorax. 2. Small effusion (approx. 200 ml).",
            "BI-RADS 4, PI-RADS 3, TI-RADS 2; AO/OTA 31-A2; Salter-Harris II.",
            "Segments 6 and 7; ribs 5 6 7; zones 1-3; level 4.5."})
    void medicalTextSurvives(String text) {
        assertEquals(text, scrub(text));
    }
}
