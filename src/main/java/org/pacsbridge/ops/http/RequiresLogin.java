package org.pacsbridge.ops.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares which operator area a REST resource (class or method) belongs to, and so which setting
 * decides whether it asks for the admin log-in. {@link OperatorAccessFilter} reads it from the
 * resource the request was matched to. A resource without it is refused to everyone (403).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresLogin {

    Area value();

    enum Area {
        /** Commands and status: dead-letter replay, TCIA sync ({@code pacs.admin.authentication}). */
        ADMIN,
        /** The findings view, its page and its JSON ({@code pacs.findings.view.authentication}). */
        FINDINGS_VIEW,
        /** DICOMweb STOW-RS ingest ({@code pacs.stow.authentication}; also a bearer token, {@code pacs.stow.token}). */
        DICOMWEB
    }
}
