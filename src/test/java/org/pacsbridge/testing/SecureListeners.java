package org.pacsbridge.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.pacsbridge.ops.kafka.KafkaBrokerProcess;

/**
 * A test broker's client listener speaking {@code SSL}, {@code SASL_SSL} or {@code SASL_PLAINTEXT}:
 * {@code properties} are its settings (key store, SASL mechanisms, with the prefix
 * {@code listener.name.client.}), {@code formatArguments} what the storage format needs (SCRAM users:
 * {@code --add-scram SCRAM-SHA-512=[name=..,password=..]}). The broker talks to itself over a second,
 * plain listener on {@code internalPort}, which it does not advertise to clients.
 */
record SecureListeners(String protocol, int internalPort, Map<String, String> properties, List<String> formatArguments)
        implements KafkaBrokerProcess.Listeners {

    @Override
    public List<String> serverProperties(String host, int port, int controllerPort) {
        List<String> lines = new ArrayList<>();
        lines.add("listeners=CLIENT://" + host + ":" + port + ",INTERNAL://" + host + ":" + internalPort
                + ",CONTROLLER://" + host + ":" + controllerPort);
        lines.add("advertised.listeners=CLIENT://" + host + ":" + port + ",INTERNAL://" + host + ":" + internalPort);
        lines.add("inter.broker.listener.name=INTERNAL");
        lines.add("listener.security.protocol.map=CLIENT:" + protocol + ",INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.forEach((key, value) -> lines.add(key + "=" + value));
        return lines;
    }
}
