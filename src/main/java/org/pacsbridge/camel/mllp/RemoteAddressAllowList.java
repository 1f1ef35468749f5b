package org.pacsbridge.camel.mllp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Set;

/**
 * Peer addresses allowed to connect: a comma-separated list of IP addresses (or host names,
 * resolved once when the listener starts), the same syntax as pacs.dicom.allowed-remote-addresses.
 * An empty list allows every peer.
 */
public final class RemoteAddressAllowList {

    private final Set<InetAddress> allowed;

    private RemoteAddressAllowList(Set<InetAddress> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    public static RemoteAddressAllowList parse(String csv) {
        Set<InetAddress> addresses = new HashSet<>();
        if (csv != null) {
            for (String entry : csv.split(",")) {
                String address = entry.strip();
                if (address.isEmpty()) {
                    continue;
                }
                try {
                    addresses.add(InetAddress.getByName(address));
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException("allowed remote address is not an address: " + address, e);
                }
            }
        }
        return new RemoteAddressAllowList(addresses);
    }

    public boolean allowsAny() {
        return allowed.isEmpty();
    }

    public boolean allows(InetAddress peer) {
        return allowed.isEmpty() || (peer != null && allowed.contains(peer));
    }

    @Override
    public String toString() {
        return allowed.isEmpty() ? "any" : allowed.toString();
    }
}
