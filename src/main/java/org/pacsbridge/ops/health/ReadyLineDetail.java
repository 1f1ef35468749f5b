package org.pacsbridge.ops.health;

/**
 * Something a flow adds to the node's "ready" log line, e.g. which engine it talks to, so that one
 * line tells an operator what the node that just became ready will do.
 */
public interface ReadyLineDetail {

    /** A short clause, without patient data or secrets. */
    String readyDetail();
}
