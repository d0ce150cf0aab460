package org.esa.iss.adapter.kafka;

import org.apache.kafka.common.utils.Utils;

/**
 * Checks bootstrap servers as Kafka's clients read them, so that a command can refuse them as a usage error before it
 * starts anything, where a client would refuse them only when created, in its own words.
 */
public final class BootstrapAddresses {
    private BootstrapAddresses() {
    }

    /**
     * @throws IllegalArgumentException naming the first entry that is not a host and a port (blank entries are
     *                                  skipped, as the clients skip them)
     */
    public static void check(String servers) {
        boolean any = false;
        for (String entry : servers.split(",")) {
            String address = entry.strip();
            if (address.isEmpty()) {
                continue;
            }
            String host = Utils.getHost(address);
            Integer port = Utils.getPort(address);
            if (host == null || host.isEmpty() || port == null || port < 1 || port > 65_535) {
                throw refused(address);
            }
            any = true;
        }
        if (!any) {
            throw refused(servers);
        }
    }

    private static IllegalArgumentException refused(String value) {
        return new IllegalArgumentException("expected HOST:PORT, or several separated by commas, such as localhost:9092,"
                + " got '" + value + "'");
    }
}
