package org.esa.iss.adapter.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates topics and waits until they really accept records; waits for a consumer group's coordinator.
 *
 * <p>A topic is not usable the moment {@code createTopics} returns: a first produce can stall for up to
 * two minutes while partition leadership settles (KAFKA-15591). Asking every partition for its latest
 * offset until all of them answer is the cheap, reliable readiness probe.
 */
public final class KafkaTopics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(100);
    /**
     * How long a first call waits in silence: a broker started a moment ago answers within it, while a wrong
     * address or a stopped broker would otherwise keep the caller waiting a minute without a word.
     */
    private static final Duration QUIET_WAIT = Duration.ofSeconds(5);

    private final Admin admin;
    private final String bootstrapServers;

    private KafkaTopics(Admin admin, String bootstrapServers) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * An admin connection.
     *
     * @param clientProperties extra client properties (SASL, SSL, ...) passed through unchanged
     */
    public static KafkaTopics connect(String bootstrapServers, Map<String, String> clientProperties) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "iss-admin");
        return new KafkaTopics(Admin.create(props), bootstrapServers);
    }

    /**
     * Creates the topic unless it exists, then waits until every partition answers an offset request. An existing
     * topic is only described, so that a client allowed to describe and write it, not to create topics, can use it.
     *
     * @return the topic's partition count (an existing topic keeps its own count)
     * @throws IllegalStateException if the cluster does not answer the look-up or the creation within the client's
     *                               own timeout ({@code default.api.timeout.ms}), or the topic is not ready within
     *                               {@link TopicSpec#readyTimeout()}
     */
    public int ensure(TopicSpec spec) {
        long deadline = System.nanoTime() + spec.readyTimeout().toNanos();
        if (!exists(spec.name(), new DescribeTopicsOptions())) { // the client's own timeout, as for the creation
            createIfAbsent(spec);
        }
        int partitions = describe(spec.name(), deadline).partitions().size();
        if (partitions != spec.partitions()) {
            LOG.warn("topic {} exists with {} partitions, not the {} asked for; keeping it as it is "
                    + "(changing the count would reorder keys)", spec.name(), partitions, spec.partitions());
        }
        awaitReady(spec.name(), partitions, spec.readyTimeout(), deadline);
        return partitions;
    }

    /**
     * Whether the topic exists.
     *
     * @throws IllegalStateException if the cluster does not answer within {@code timeout}
     */
    public boolean exists(String topic, Duration timeout) {
        return exists(topic, new DescribeTopicsOptions().timeoutMs(callTimeoutMs(timeout)));
    }

    /** Whether the topic exists, asked with {@code options} (without a timeout of their own: the client's). */
    private boolean exists(String topic, DescribeTopicsOptions options) {
        return lookUp(topic, options).isPresent();
    }

    /**
     * The topic's id, which a topic deleted and created again under the same name does not keep; empty if there is
     * no such topic, or the cluster does not tell topic ids (it answers the all-zero id then).
     *
     * @throws IllegalStateException if the cluster does not answer within the client's own timeout
     */
    public Optional<String> topicId(String topic) {
        return lookUp(topic, new DescribeTopicsOptions()).map(TopicDescription::topicId)
                .filter(id -> !Uuid.ZERO_UUID.equals(id)).map(Uuid::toString);
    }

    /**
     * The topic's {@code cleanup.policy} ({@code delete}, {@code compact} or both), empty if there is no such topic
     * or the cluster does not say.
     *
     * @throws IllegalStateException if the cluster does not answer within the client's own timeout
     */
    public Optional<String> cleanupPolicy(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = awaitAnswer(admin.describeConfigs(List.of(resource)).all(), "looking up topic " + topic)
                    .get(resource);
            return Optional.ofNullable(config).map(c -> c.get(TopicConfig.CLEANUP_POLICY_CONFIG)).map(ConfigEntry::value);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw failure("cannot look up the configuration of topic " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking up topic " + topic, e);
        }
    }

    private Optional<TopicDescription> lookUp(String topic, DescribeTopicsOptions options) {
        try {
            return Optional.of(awaitAnswer(admin.describeTopics(List.of(topic), options).allTopicNames(),
                    "looking up topic " + topic).get(topic));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            if (e.getCause() instanceof TopicAuthorizationException) {
                throw new IllegalStateException("cannot look up topic " + topic + ": this client may not describe it; grant"
                        + " its principal Describe on the topic (Read or Write grant it too)", e.getCause());
            }
            throw failure("cannot look up topic " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking up topic " + topic, e);
        }
    }

    private void createIfAbsent(TopicSpec spec) {
        NewTopic topic = new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.empty())
                .configs(spec.configs());
        // The call's own timeout (the client's default.api.timeout.ms) ends the wait.
        try {
            awaitAnswer(admin.createTopics(List.of(topic)).all(), "creating topic " + spec.name());
            LOG.info("created topic {} with {} partitions", spec.name(), spec.partitions());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw failure("cannot create topic " + spec.name(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + spec.name(), e);
        }
    }

    private TopicDescription describe(String topic, long deadline) {
        while (true) {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(remainingMillis(deadline), TimeUnit.MILLISECONDS).get(topic);
            } catch (ExecutionException e) {
                // Right after creation the metadata may not have reached the broker we asked.
                if (System.nanoTime() >= deadline) {
                    throw new IllegalStateException("topic " + topic + " cannot be described at " + bootstrapServers
                            + ": " + e.getCause().getMessage(), e.getCause());
                }
                pause(topic);
            } catch (java.util.concurrent.TimeoutException e) {
                throw NoAnswer.from("cannot describe topic " + topic, bootstrapServers, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while describing topic " + topic, e);
            }
        }
    }

    private void awaitReady(String topic, int partitions, Duration timeout, long deadline) {
        Set<Integer> waiting = new TreeSet<>();
        for (int p = 0; p < partitions; p++) {
            waiting.add(p);
        }
        while (true) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            waiting.forEach(p -> request.put(new TopicPartition(topic, p), OffsetSpec.latest()));
            var answers = admin.listOffsets(request);
            for (TopicPartition tp : request.keySet()) {
                try {
                    answers.partitionResult(tp).get(Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
                    waiting.remove(tp.partition());
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    // Not led yet (or not known yet): probe this partition again.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() >= deadline) {
                throw new IllegalStateException("topic " + topic + " at " + bootstrapServers + " is not ready after " + timeout
                        + ": partitions " + waiting + " do not answer offset requests; check the broker's health"
                        + " (KAFKA-15591 makes fresh topics slow on some clusters)");
            }
            pause(topic);
        }
    }

    /**
     * Waits until a broker coordinates consumer group {@code groupId}. On a new cluster the first group lookup
     * creates Kafka's internal offsets topic, which the group's first member would otherwise wait for while
     * joining (~0.1 s on a local broker); a cluster that has served any group before answers at once.
     *
     * @throws IllegalStateException if no coordinator answers within {@code timeout}
     */
    public void awaitGroupCoordinator(String groupId, Duration timeout) {
        // Asking about the group goes to its coordinator; the admin client retries until one is ready. The call's
        // own timeout, rather than the future's, so that nothing is left pending to hold up closing the admin.
        var options = new DescribeConsumerGroupsOptions().timeoutMs(callTimeoutMs(timeout));
        try {
            awaitAnswer(admin.describeConsumerGroups(List.of(groupId), options).all(),
                    "asking for the coordinator of consumer group " + groupId);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return; // a coordinator's answer: the group has no members or offsets yet
            }
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw NoAnswer.from("no coordinator for consumer group " + groupId + " within " + timeout.toMillis()
                        + " ms", bootstrapServers, e.getCause(), "if it is, can it create the offsets topic"
                        + " (offsets.topic.replication.factor no larger than the number of brokers)?");
            }
            throw new IllegalStateException("asking the coordinator of consumer group " + groupId + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the coordinator of group " + groupId, e);
        }
    }

    /**
     * The call's result, waiting until the call's own timeout; says so in the log if the cluster has not answered
     * after {@link #QUIET_WAIT}, so that an operator with a wrong address or a stopped broker knows what is going on.
     */
    private <T> T awaitAnswer(KafkaFuture<T> call, String doing) throws ExecutionException, InterruptedException {
        try {
            return call.get(QUIET_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException stillWaiting) {
            LOG.warn("no answer from Kafka at {} after {} s ({}); still trying: is a broker running there?",
                    bootstrapServers, QUIET_WAIT.toSeconds(), doing);
            return call.get();
        }
    }

    /** The error for a failed admin call: when the cluster did not answer, where it was looked for and what to check. */
    private IllegalStateException failure(String what, Throwable cause) {
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return NoAnswer.from(what, bootstrapServers, cause);
        }
        return new IllegalStateException(what + ": " + cause.getMessage(), cause);
    }

    /** An admin call's own timeout, in the int milliseconds its options take. */
    private static int callTimeoutMs(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    private static long remainingMillis(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static void pause(String topic) {
        try {
            Thread.sleep(PROBE_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
