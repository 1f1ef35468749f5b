/**
 * Implementation details of the network layer (not API): the PS3.8 state machine (states Sta1..Sta13,
 * events Evt1..Evt19, actions AE-n/DT-n/AR-n/AA-n), PDU and command-set codecs, the transport wrapper and
 * the acceptor-side association worker. May change without notice.
 */
package org.pacsbridge.dicom.net.internal;
