package org.pacsbridge.dicom.net.internal;

import java.util.ArrayList;
import java.util.List;

/** Contents of an A-ASSOCIATE-RQ or A-ASSOCIATE-AC PDU (PS3.8 9.3.2 / 9.3.3 and Annex D of PS3.7). */
public final class AssociateParams {
    /** Protocol version field (bit 0 = version 1). */
    public int protocolVersion = 1;
    /** Called AE title (trimmed). */
    public String calledAe = "";
    /** Calling AE title (trimmed). */
    public String callingAe = "";
    /** Application context name. */
    public String applicationContext = Pdu.APPLICATION_CONTEXT;
    /** Presentation contexts in PDU order. */
    public final List<PresentationContext> contexts = new ArrayList<>();
    /** Maximum length received (item 51h); 0 = unlimited; -1 = item absent. */
    public long maxPduLength = -1;
    /** Implementation class UID (52h). */
    public String implementationClassUid;
    /** Implementation version name (55h). */
    public String implementationVersionName;
    /** Asynchronous operations window (53h): invoked, or -1 when absent. */
    public int asyncInvoked = -1;
    /** Asynchronous operations window (53h): performed, or -1 when absent. */
    public int asyncPerformed = -1;
    /** Role selection items (54h). */
    public final List<RoleSelection> roles = new ArrayList<>();
    /** SOP class extended negotiation items (56h): SOP class UIDs only. */
    public final List<String> extendedNegotiationSopClasses = new ArrayList<>();
    /** User identity (58h) present in a request. */
    public boolean userIdentityPresent;
    /** User identity type (58h). */
    public int userIdentityType;
    /** User identity positive response requested (58h). */
    public boolean userIdentityResponseRequested;
}
