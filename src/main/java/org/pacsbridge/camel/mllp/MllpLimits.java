package org.pacsbridge.camel.mllp;

import java.time.Duration;

/**
 * The bounds one MLLP listener puts on what a sender may do: the largest message it reads, how
 * long a whole frame may take to arrive, and which addresses may connect.
 *
 * @param maxMessageSize most bytes of one message (between the start and end of its block)
 * @param frameTimeout   longest time from the first byte of a message to the end of its block
 * @param allowList      peer addresses allowed to connect
 */
public record MllpLimits(int maxMessageSize, Duration frameTimeout, RemoteAddressAllowList allowList) {

    public MllpLimits {
        if (maxMessageSize < 1024) {
            throw new IllegalArgumentException("MLLP maximum message size must be at least 1024 bytes: " + maxMessageSize);
        }
        if (frameTimeout.isNegative() || frameTimeout.isZero()) {
            throw new IllegalArgumentException("MLLP frame timeout must be positive: " + frameTimeout);
        }
    }
}
