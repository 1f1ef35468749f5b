/**
 * Returning results to the clinical systems from the CV findings topic: the findings SR stored into
 * the PACS with the node's {@code dicom:} producer (routes/results-sr.yaml) and the findings ORU^R01
 * sent to the RIS with its {@code mllp:} producer (routes/results-hl7.yaml).
 */
package org.pacsbridge.results.delivery;
