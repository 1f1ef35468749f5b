package org.pacsbridge.camel.dicom.internal;

import java.io.IOException;
import java.util.function.Consumer;

import org.jboss.logging.Logger;
import org.pacsbridge.camel.dicom.DuplicatePolicy;
import org.pacsbridge.dicom.UID;
import org.pacsbridge.dicom.net.CStoreHandler;
import org.pacsbridge.dicom.net.DataSetSink;
import org.pacsbridge.dicom.net.DimseStatus;
import org.pacsbridge.dicom.net.DimseStatusException;
import org.pacsbridge.dicom.net.LogSafe;
import org.pacsbridge.dicom.net.StoreRequest;

/**
 * The Storage SCP's handler: every C-STORE is written to the spool and reported as stored only
 * when it is durable there; each durable object is then handed to {@code onStored}.
 */
public final class SpoolingStoreHandler implements CStoreHandler {

    private static final Logger LOG = Logger.getLogger(SpoolingStoreHandler.class);

    private final Spool spool;
    private final DuplicatePolicy duplicatePolicy;
    private final Consumer<SpooledObject> onStored;

    public SpoolingStoreHandler(Spool spool, DuplicatePolicy duplicatePolicy, Consumer<SpooledObject> onStored) {
        this.spool = spool;
        this.duplicatePolicy = duplicatePolicy;
        this.onStored = onStored;
    }

    @Override
    public DataSetSink begin(StoreRequest request) throws DimseStatusException {
        if (!UID.isValid(request.affectedSopInstanceUid()) || !UID.isValid(request.affectedSopClassUid())) {
            LOG.warnf("C-STORE from %s refused: invalid SOP Class or Instance UID in the command",
                    LogSafe.text(request.association().callingAeTitle()));
            throw new DimseStatusException(DimseStatus.CANNOT_UNDERSTAND, "invalid UID in the C-STORE-RQ");
        }
        try {
            if (spool.belowWatermark()) {
                LOG.warnf("Spool below its free-space watermark: C-STORE of %s from %s refused with A700",
                        request.affectedSopInstanceUid(), LogSafe.text(request.association().callingAeTitle()));
                throw new DimseStatusException(DimseStatus.OUT_OF_RESOURCES, "spool disk below watermark");
            }
        } catch (IOException e) {
            LOG.errorf("Cannot check the spool's free space: %s", e.getMessage());
            throw new DimseStatusException(DimseStatus.OUT_OF_RESOURCES, "spool unavailable");
        }
        boolean discard = duplicatePolicy == DuplicatePolicy.IGNORE && spool.contains(request.affectedSopInstanceUid());
        return new SpoolWriter(spool, request, discard, onStored);
    }
}
