package org.pacsbridge.findings;

/** A findings event read from {@code pacs.findings.cv} or {@code pacs.findings.nlp}: one side of a study. */
public sealed interface FindingsInput {

    StudyIds study();

    record Image(StudyIds study, ImageRead read) implements FindingsInput {
    }

    record Report(StudyIds study, ReportRead read) implements FindingsInput {
    }
}
