package org.pacsbridge.results.delivery;

/** {@code pacs.results.*} for a test, from the test's own SR and HL7 settings. */
record TestResultsSettings(TestSrSettings sr, TestHl7Settings hl7) implements ResultsSettings {
}
