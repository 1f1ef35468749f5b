/**
 * Results returned to the clinical systems: the DICOM Structured Report (PS3.16 TID 1500) that
 * carries one image's X-Raydar findings back into the image's original study. Depends on the
 * event model and the DICOM data layer only.
 */
package org.pacsbridge.results;
