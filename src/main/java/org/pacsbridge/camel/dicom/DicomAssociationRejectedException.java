package org.pacsbridge.camel.dicom;

import org.pacsbridge.dicom.net.AssociationRejectedException;

/** The peer rejected the association: permanently (result 1) or transiently (result 2). */
public class DicomAssociationRejectedException extends DicomProducerException {

    private final AssociationRejectedException rejection;

    public DicomAssociationRejectedException(String peer, AssociationRejectedException rejection) {
        super(peer + " rejected the association (" + rejection.getMessage() + ")", rejection);
        this.rejection = rejection;
    }

    public int getResult() {
        return rejection.result();
    }

    public int getSource() {
        return rejection.source();
    }

    public int getReason() {
        return rejection.reason();
    }

    @Override
    public boolean isTransient() {
        return !rejection.isPermanent();
    }
}
