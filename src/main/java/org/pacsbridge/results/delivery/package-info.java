/**
 * Returning results to the clinical systems: the findings SR stored into the PACS with the node's
 * {@code dicom:} producer, from the CV findings topic (routes/results-sr.yaml).
 */
package org.pacsbridge.results.delivery;
