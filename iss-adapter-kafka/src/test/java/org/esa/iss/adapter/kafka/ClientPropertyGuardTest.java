package org.esa.iss.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientPropertyGuardTest {

    @Test
    void passThroughPropertiesCannotUndoWhatExactlyOnceRestsOn() {
        assertThatThrownBy(() -> FeedOptions.group("h:1", "iss", "iss-bronze").withClientProperty("auto.offset.reset", "earliest"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the Kafka property auto.offset.reset=earliest cannot be passed to the feed, which needs"
                        + " auto.offset.reset=none");
        assertThatThrownBy(() -> FeedOptions.group("h:1", "iss", "iss-bronze").withClientProperty("enable.auto.commit", "true"))
                .hasMessageContaining("enable.auto.commit=false");
        assertThatThrownBy(() -> FeedOptions.group("h:1", "iss", "iss-bronze").withClientProperty("group.id", "mine"))
                .hasMessageContaining("group.id=iss-bronze");
        assertThatThrownBy(() -> FeedOptions.group("h:1", "iss", "iss-bronze").withClientProperty("group.protocol", "consumer"))
                .hasMessageContaining("group.protocol=classic");
        assertThatThrownBy(() -> PublisherOptions.live("h:1", "iss").withClientProperty("acks", "1"))
                .hasMessageContaining("acks=all");
        assertThatThrownBy(() -> PublisherOptions.replay("h:1", "iss").withClientProperty("enable.idempotence", "false"))
                .hasMessageContaining("enable.idempotence=true");
    }

    @Test
    void theSameValuesAndEveryOtherPropertyPassThrough() {
        Map<String, String> harmless = Map.of("acks", "all", "security.protocol", "SASL_SSL", "enable.idempotence", "TRUE");
        assertThat(PublisherOptions.live("h:1", "iss").withClientProperties(harmless).clientProperties()).isEqualTo(harmless);
        assertThat(PublisherOptions.live("h:1", "iss").withClientProperty("acks", " -1").clientProperties())
                .as("Kafka's other spelling of all").containsEntry("acks", " -1");
        // a feed outside any group (tail, serve) may be given a group id, which it does not use for positions
        assertThat(FeedOptions.allPartitions("h:1", "iss").withClientProperty("group.id", "any").clientProperties())
                .containsEntry("group.id", "any");
    }
}
