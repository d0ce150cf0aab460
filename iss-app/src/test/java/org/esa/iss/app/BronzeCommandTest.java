package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.esa.iss.adapter.delta.DeltaBronzeChangeLog;
import org.esa.iss.adapter.delta.DeltaBronzeTable;
import org.esa.iss.adapter.kafka.EmbeddedBrokerOptions;
import org.esa.iss.adapter.kafka.EmbeddedKafkaBroker;
import org.esa.iss.adapter.kafka.KafkaTopics;
import org.esa.iss.adapter.kafka.TopicSpec;
import org.esa.iss.ports.out.FeedPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code iss bronze} against a real embedded broker. */
class BronzeCommandTest {

    @Test
    void anIngesterJoinsTheGroupItIsGivenAndOnlyThatOne(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedBrokerOptions.anyFreePort(dir.resolve("kafka")))) {
            assertThat(CommandRun.of(Map.of(), "replay", "--records", "30", "--bootstrap-servers", broker.bootstrapServers())
                    .status()).isZero();

            CommandRun run = CommandRun.of(Map.of("ISS_GROUP", "iss-bronze-staging"), "bronze", "--until-caught-up",
                    "--bootstrap-servers", broker.bootstrapServers(), "--data-dir", dir.resolve("data").toString());

            assertThat(run.status()).as(run.err()).isZero();
            try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                assertThat(admin.listConsumerGroupOffsets("iss-bronze-staging").partitionsToOffsetAndMetadata().get().values())
                        .as("the position the ingester reported to its group").extracting(OffsetAndMetadata::offset).containsExactly(30L);
                assertThat(admin.listConsumerGroupOffsets("iss-bronze").partitionsToOffsetAndMetadata().get())
                        .as("the default group, never joined").isEmpty();
            }
        }
    }

    /**
     * Read on from bronze's positions, a longer new topic's first 30 records would be skipped without a word; a
     * shorter one fails the seek to them, and is named for what it is too.
     */
    @Test
    void aTopicDeletedAndCreatedAgainUnderBronzeIsRefusedBeforeAnythingOfItIsWritten(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedBrokerOptions.anyFreePort(dir.resolve("kafka")))) {
            String servers = broker.bootstrapServers();
            DataLayout data = new DataLayout(dir.resolve("data"));
            assertThat(CommandRun.of(Map.of(), "replay", "--records", "30", "--bootstrap-servers", servers).status()).isZero();
            CommandRun first = CommandRun.of(Map.of(), "bronze", "--until-caught-up", "--bootstrap-servers", servers,
                    "--data-dir", data.root().toString());
            assertThat(first.status()).as(first.err()).isZero();

            for (int records : new int[] {60, 10}) {
                try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
                    admin.deleteTopics(List.of("iss")).all().get(30, TimeUnit.SECONDS);
                    await().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics().names().get().contains("iss"));
                }
                assertThat(CommandRun.of(Map.of(), "replay", "--records", String.valueOf(records), "--bootstrap-servers",
                        servers).status()).isZero();
                CommandRun again = CommandRun.of(Map.of(), "bronze", "--until-caught-up", "--bootstrap-servers", servers,
                        "--data-dir", data.root().toString());

                assertThat(again.status()).as(again.out()).isEqualTo(1);
                assertThat(again.err()).as("a new topic of %d records", records).contains("topic iss is not the one bronze read")
                        .contains("last offset per partition: {0=29}").contains("--data-dir");
                assertThat(new DeltaBronzeTable(data.bronze()).lastOffsets()).as("bronze as the first topic left it")
                        .isEqualTo(Map.of(new FeedPartition("iss", 0), 29L));
            }
        }
    }

    /**
     * Retention deleted records bronze had not read: a run stops, naming them and the option; a run given it goes on
     * from the log's start, and the gap is all that is missing.
     */
    @Test
    void recordsDeletedBeforeBronzeReadThemStopItUntilItIsToldToSkipThem(@TempDir Path dir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedBrokerOptions.anyFreePort(dir.resolve("kafka")))) {
            String servers = broker.bootstrapServers();
            DataLayout data = new DataLayout(dir.resolve("data"));
            assertThat(CommandRun.of(Map.of(), "replay", "--records", "30", "--bootstrap-servers", servers).status()).isZero();
            String[] bronze = {"bronze", "--until-caught-up", "--bootstrap-servers", servers, "--data-dir", data.root().toString()};
            assertThat(CommandRun.of(Map.of(), bronze).status()).isZero();
            assertThat(CommandRun.of(Map.of(), "replay", "--records", "30", "--start", "2024-04-25T00:00:30Z",
                    "--bootstrap-servers", servers).status()).isZero();
            try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
                admin.deleteRecords(Map.of(new TopicPartition("iss", 0), RecordsToDelete.beforeOffset(45)))
                        .all().get(30, TimeUnit.SECONDS);
            }

            CommandRun stopped = CommandRun.of(Map.of(), bronze);

            assertThat(stopped.status()).as(stopped.out()).isEqualTo(1);
            assertThat(stopped.err()).startsWith("iss bronze: records were deleted from the topic before the tables read"
                    + " them: iss-0 offsets 30 to 44 (15 records).").contains("--skip-deleted-records");
            DeltaBronzeTable table = new DeltaBronzeTable(data.bronze());
            assertThat(table.lastOffsets()).isEqualTo(Map.of(new FeedPartition("iss", 0), 29L));

            CommandRun run = CommandRun.of(Map.of(), "run", "--bootstrap-servers", servers, "--data-dir", data.root().toString(),
                    "--source", "simulator", "--http-port", "0");

            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err()).as("the stage's failure ends what iss run prints")
                    .startsWith("iss run: stage bronze failed: records were deleted from the topic before the tables read"
                            + " them: iss-0 offsets 30 to 44 (15 records).")
                    .endsWith("(set ISS_DEBUG=1 for the stack trace)" + System.lineSeparator());
            assertThat(table.lastOffsets()).isEqualTo(Map.of(new FeedPartition("iss", 0), 29L));

            CommandRun skipping = CommandRun.of(Map.of("ISS_SKIP_DELETED_RECORDS", "true"), bronze);

            assertThat(skipping.status()).as(skipping.err()).isZero();
            long rows = 0;
            DeltaBronzeChangeLog versions = new DeltaBronzeChangeLog(data.bronze().toString());
            for (long version = 0; version <= versions.latestVersion(); version++) {
                rows += versions.fixesAddedIn(version).size();
            }
            assertThat(rows).as("offsets 0 to 29 and 45 to 59, and what iss run polled after them").isGreaterThanOrEqualTo(45);
            assertThat(table.lastOffsets().get(new FeedPartition("iss", 0))).isEqualTo(rows - 1 + 15);
        }
    }

    @Test
    void aBlankGroupIsAUsageError() {
        CommandRun run = CommandRun.of(Map.of(), "bronze", "--bootstrap-servers", "127.0.0.1:1", "--group", " ");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '--group': must name a consumer group");
    }

    /** Compaction keeps the newest record of each satellite: records not read yet could vanish with no gap to see. */
    @Test
    void aTopicKafkaCompactsIsRefusedSayingWhatToDo(@TempDir Path dir) {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedBrokerOptions.anyFreePort(dir.resolve("kafka")));
             KafkaTopics topics = KafkaTopics.connect(broker.bootstrapServers(), Map.of())) {
            topics.ensure(TopicSpec.of("compacted", 1).withConfig("cleanup.policy", "compact"));
            Path data = dir.resolve("data");
            for (boolean untilCaughtUp : new boolean[] {true, false}) {
                List<String> args = new ArrayList<>(List.of("bronze", "--bootstrap-servers", broker.bootstrapServers(),
                        "--topic", "compacted", "--data-dir", data.toString()));
                if (untilCaughtUp) {
                    args.add("--until-caught-up");
                }
                CommandRun run = CommandRun.of(Map.of(), args.toArray(String[]::new));

                assertThat(run.status()).as("until caught up: %s", untilCaughtUp).isEqualTo(1);
                assertThat(run.err()).contains("topic compacted has cleanup.policy=compact")
                        .contains("--add-config cleanup.policy=delete");
            }
            assertThat(data).as("no tables were made").doesNotExist();
        }
    }

    @Test
    void catchingUpWithATopicThatDoesNotExistFailsSayingWhatToDo(@TempDir Path dir) {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedBrokerOptions.anyFreePort(dir.resolve("kafka")))) {
            Path data = dir.resolve("data");
            // without the check, it waits for partitions forever
            CommandRun run = CommandRun.of(Map.of(), "bronze", "--until-caught-up", "--bootstrap-servers",
                    broker.bootstrapServers(), "--topic", "not-published-yet", "--data-dir", data.toString());

            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err()).contains("topic not-published-yet does not exist")
                    .contains("nothing to read").contains("check --topic");
            assertThat(data).as("no tables were made").doesNotExist();
        }
    }
}
