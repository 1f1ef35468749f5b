package org.pacsbridge.ops.kafka;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The transactional ids of the node's own Kafka producers: {@code <prefix>.<node id>.<producer>}.
 * Stable across restarts of one replica, so a restarted replica fences its predecessor (a paused
 * process that wakes up can no longer commit) and aborts the transaction it left open; different
 * between replicas, which would otherwise fence each other.
 *
 * <p>The node id is {@code pacs.node.id} (the Kubernetes manifests set the pod name). Without it:
 * the host name and the DICOM port, so two nodes on one host (the demo, a developer's second
 * node) differ. A DICOM port of 0 (tests) is not stable, so the id then ends in a random part.
 */
@ApplicationScoped
public class TransactionalIds {

    private static final Logger LOG = Logger.getLogger(TransactionalIds.class);

    @Inject
    KafkaConfig kafka;

    @Inject
    NodeConfig node;

    @ConfigProperty(name = "pacs.dicom.port")
    int dicomPort;

    private volatile String resolved;

    /** The sent-once store's producer ({@link KafkaIdempotentStore}). */
    public String sentOnce() {
        return kafka.transactionalIdPrefix() + "." + nodeId() + ".sent-once";
    }

    public String nodeId() {
        String id = resolved;
        if (id == null) {
            id = node.id().map(String::strip).filter(s -> !s.isEmpty())
                    .orElseGet(() -> defaultNodeId(hostName(), dicomPort));
            resolved = id;
            LOG.infof("Node id %s (Kafka transactional ids %s.%s.*)", id, kafka.transactionalIdPrefix(), id);
        }
        return id;
    }

    static String defaultNodeId(String host, int dicomPort) {
        if (dicomPort == 0) {
            return host + "-" + UUID.randomUUID();
        }
        return host + "-" + dicomPort;
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("The host name cannot be found; set pacs.node.id (PACS_NODE_ID)", e);
        }
    }
}
