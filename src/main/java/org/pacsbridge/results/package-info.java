/**
 * Results returned to the clinical systems: the DICOM Structured Report (PS3.16 TID 1500) that
 * carries one image's X-Raydar findings back into the image's original study, and the HL7 v2.5.1
 * ORU^R01 that carries them to the RIS (built with HAPI). Depends on the event model, the DICOM
 * data layer and HAPI only.
 */
package org.pacsbridge.results;
