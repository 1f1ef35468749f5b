package org.pacsbridge.results.delivery;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The {@code pacs.results.*} settings: what the node returns to the PACS and the RIS. */
@ConfigMapping(prefix = "pacs.results")
public interface ResultsSettings {

    Sr sr();

    Hl7 hl7();

    /**
     * How one result is tried again while its receiver fails (the PACS busy or unreachable; the RIS answering
     * AE or AR, silent or unreachable): exponential backoff, jitter 0.5; after the last attempt it is
     * dead-lettered.
     */
    interface Retries {

        @WithDefault("5")
        int maxAttempts();

        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();
    }

    /** {@code pacs.results.sr.*}: the findings SR stored into the image's study. */
    interface Sr extends Retries {

        /** Read by routes/results-sr.yaml (autoStartup) and checked at start; default in config/application.properties. */
        boolean enabled();

        /** Where SRs are stored: {@code dicom:AET@host:port}, like {@code pacs.forward.uri}. */
        Optional<String> destination();

        /** The Kafka consumer group reading the CV findings topic for SRs; default in config/application.properties. */
        String groupId();

        /** The engine's version in the SR when the findings event names none; part of the SR's SOP Instance UID. */
        @WithDefault("unspecified")
        String engineVersion();

        /** The algorithm's maker, named in the SR as the observing device's manufacturer. */
        @WithDefault("X-Raydar")
        String engineManufacturer();
    }

    /** {@code pacs.results.hl7.*}: the findings ORU^R01 sent to the RIS over MLLP. */
    interface Hl7 extends Retries {

        /** Read by routes/results-hl7.yaml (autoStartup) and checked at start; default in config/application.properties. */
        boolean enabled();

        /** The RIS's MLLP listener; required when enabled. */
        Optional<String> host();

        @WithDefault("2575")
        int port();

        /** The Kafka consumer group reading the CV findings topic for ORUs; default in config/application.properties. */
        String groupId();

        /** MSH-5. */
        @WithDefault("RIS")
        String receivingApplication();

        /** MSH-6; empty when not set. */
        Optional<String> receivingFacility();

        /** OBR-4's code value: the service the ORU reports on (the AI analysis of a chest radiograph). */
        @WithDefault("XRAYDAR-CXR")
        String procedureCode();

        /** OBR-4's coding system. */
        @WithDefault("99XRAYDAR")
        String procedureScheme();

        /** OBR-4's text. */
        @WithDefault("Chest X-ray AI analysis")
        String procedureMeaning();

        /** Longest wait for the TCP connection to the RIS. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Longest wait for the ACK of one message; then the attempt has failed. */
        @WithDefault("10s")
        Duration ackTimeout();

        /** {@code pacs.results.hl7.tls.*}: MLLP over TLS to the RIS. */
        ClientTls tls();
    }

    /**
     * TLS towards a peer: its certificate is checked against the trust store and must name the host
     * connected to; a key store gives the node's own certificate to a peer that asks for one.
     */
    interface ClientTls {

        @WithDefault("false")
        boolean enabled();

        /** Certificates the peer's is checked against; none = the JDK's trusted CAs. */
        Optional<String> trustStore();

        @WithDefault("PKCS12")
        String trustStoreType();

        /** Secret: from the environment, never the properties file. */
        Optional<String> trustStorePassword();

        /** The node's client certificate and key, for a peer that requires one. */
        Optional<String> keyStore();

        @WithDefault("PKCS12")
        String keyStoreType();

        /** Secret: from the environment, never the properties file. */
        Optional<String> keyStorePassword();
    }
}
