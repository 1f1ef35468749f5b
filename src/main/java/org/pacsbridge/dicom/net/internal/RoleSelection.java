package org.pacsbridge.dicom.net.internal;

/**
 * SCP/SCU role selection sub-item (54h, PS3.7 D.3.3.4).
 *
 * @param sopClassUid SOP class
 * @param scuRole     1 = proposed/accepted SCU role for the association-requestor
 * @param scpRole     1 = proposed/accepted SCP role for the association-requestor
 */
public record RoleSelection(String sopClassUid, int scuRole, int scpRole) {
}
