package org.esa.iss.adapter.kafka;

import java.util.List;
import java.util.Map;

/**
 * Pass-through client properties may tune a client, never undo what this adapter's guarantees rest on (a
 * properties file made for Kafka's own tools easily holds such a key): a different value for one of those is
 * refused, naming the key and why it is fixed. The same value is harmless and accepted.
 */
final class ClientPropertyGuard {

    /**
     * A property the adapter fixes: its key, the only value it may have (or one of its {@code synonyms}, which Kafka
     * reads as the same), and the guarantee it carries.
     */
    record Fixed(String key, String value, String because, List<String> synonyms) {
        Fixed(String key, String value, String because) {
            this(key, value, because, List.of());
        }

        boolean accepts(String given) {
            String trimmed = given.trim();
            return trimmed.equalsIgnoreCase(value) || synonyms.stream().anyMatch(trimmed::equalsIgnoreCase);
        }
    }

    private ClientPropertyGuard() {
    }

    /** @throws IllegalArgumentException for the first property of {@code given} that contradicts a fixed one */
    static void check(Map<String, String> given, String client, Fixed... fixed) {
        for (Fixed f : fixed) {
            String value = given.get(f.key());
            if (value != null && !f.accepts(value)) {
                throw new IllegalArgumentException("the Kafka property " + f.key() + "=" + value + " cannot be passed to the "
                        + client + ", which needs " + f.key() + "=" + f.value() + " (" + f.because() + "); remove it from"
                        + " --kafka-property or --kafka-config");
            }
        }
    }
}
