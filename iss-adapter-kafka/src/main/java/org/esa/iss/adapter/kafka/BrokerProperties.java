package org.esa.iss.adapter.kafka;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The server properties of a single-node, combined broker+controller KRaft node on loopback. */
final class BrokerProperties {

    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private BrokerProperties() {
    }

    static Map<String, Object> of(int clientPort, int controllerPort, Path dataDir, int partitions) {
        String host = LocalPorts.HOST;
        Map<String, Object> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + host + ":" + clientPort + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + clientPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", dataDir.toAbsolutePath().toString());
        p.put("num.partitions", String.valueOf(partitions));

        // One node: internal topics cannot be replicated, and their default of 3 replicas would never be met.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // 50 offset partitions would only slow the first group join on a broker that serves a handful of groups.
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.num.partitions", "1");

        // Nobody else will join: a group with a single member should not wait 3 s before it gets partitions.
        p.put("group.initial.rebalance.delay.ms", "0");

        // Sized for one process on a small machine rather than a shared cluster node: the log cleaner's
        // 128 MiB dedupe buffer (only the tiny offsets topic is compacted here) and eight request threads
        // would dominate the embedded broker's memory and thread count.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        p.put("log.cleaner.threads", "1");
        p.put("num.io.threads", "2");
        p.put("num.network.threads", "2");
        p.put("background.threads", "2");
        return p;
    }
}
