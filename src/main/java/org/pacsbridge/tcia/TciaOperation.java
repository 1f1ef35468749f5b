package org.pacsbridge.tcia;

/** The calls of {@link TciaClient}; not every interface offers all of them (see {@link TciaClient#supports}). */
public enum TciaOperation {
    COLLECTION_VALUES,
    MODALITY_VALUES,
    BODY_PART_VALUES,
    MANUFACTURER_VALUES,
    PATIENTS,
    PATIENTS_BY_MODALITY,
    PATIENT_STUDIES,
    SERIES,
    SERIES_SIZE,
    SERIES_METADATA,
    UPDATED_SERIES,
    NEW_PATIENTS,
    NEW_STUDIES,
    SOP_INSTANCE_UIDS,
    SHARED_LIST,
    IMAGE,
    QUERY_DESCRIPTION,
    RAW_QUERY
}
