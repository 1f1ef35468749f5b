package org.pacsbridge.dicom.net.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A presentation context item: in an A-ASSOCIATE-RQ (item 20h: id, abstract syntax, proposed transfer
 * syntaxes) or an A-ASSOCIATE-AC (item 21h: id, result, one transfer syntax).
 */
public final class PresentationContext {
    /** Result 0: acceptance. */
    public static final int ACCEPTANCE = 0;
    /** Result 1: user rejection. */
    public static final int USER_REJECTION = 1;
    /** Result 2: no reason (provider rejection). */
    public static final int NO_REASON = 2;
    /** Result 3: abstract syntax not supported (provider rejection). */
    public static final int ABSTRACT_SYNTAX_NOT_SUPPORTED = 3;
    /** Result 4: transfer syntaxes not supported (provider rejection). */
    public static final int TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

    /** Presentation context ID (odd, 1..255). */
    public int id;
    /** Result/reason (AC only). */
    public int result;
    /** Abstract syntax UID (RQ only; in AC filled in from the request by the receiver). */
    public String abstractSyntax;
    /** Transfer syntaxes: proposed (RQ) or the single accepted one (AC). */
    public final List<String> transferSyntaxes = new ArrayList<>();

    /** Creates an empty context. */
    public PresentationContext() {
    }

    /** Creates a requested context. */
    public PresentationContext(int id, String abstractSyntax, List<String> ts) {
        this.id = id;
        this.abstractSyntax = abstractSyntax;
        this.transferSyntaxes.addAll(ts);
    }

    /** @return the single transfer syntax of an AC context, or null */
    public String transferSyntax() {
        return transferSyntaxes.isEmpty() ? null : transferSyntaxes.get(0);
    }

    @Override
    public String toString() {
        return "PC[" + id + " " + abstractSyntax + " " + transferSyntaxes + " result=" + result + "]";
    }
}
