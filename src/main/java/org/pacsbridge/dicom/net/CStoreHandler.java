package org.pacsbridge.dicom.net;

/** Application callback of the Storage SCP. Called on the association's thread. */
public interface CStoreHandler {
    /**
     * Called once a complete C-STORE-RQ command has arrived, before any data-set byte.
     *
     * @return the sink that receives the data set
     * @throws DimseStatusException to refuse the object; the data set is then read and discarded and the
     *         C-STORE-RSP carries the exception's status
     */
    DataSetSink begin(StoreRequest request) throws DimseStatusException;
}
