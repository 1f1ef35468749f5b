package org.pacsbridge.dicom.net;

import java.net.InetSocketAddress;

/**
 * Facts about an established association, as seen by the SCP.
 *
 * @param callingAeTitle                  peer's AE title (trimmed)
 * @param calledAeTitle                   our AE title as called by the peer (trimmed)
 * @param remote                          peer socket address
 * @param remoteImplementationClassUid    from user-information item 52h, or null
 * @param remoteImplementationVersionName from item 55h, or null
 */
public record AssociationInfo(String callingAeTitle, String calledAeTitle, InetSocketAddress remote,
                              String remoteImplementationClassUid, String remoteImplementationVersionName) {
}
