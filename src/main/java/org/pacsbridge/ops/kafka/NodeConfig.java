package org.pacsbridge.ops.kafka;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** {@code pacs.node.*}: which replica this is. */
@ConfigMapping(prefix = "pacs.node")
public interface NodeConfig {

    /** Names this replica's transactional producer; see {@link TransactionalIds}. */
    Optional<String> id();
}
