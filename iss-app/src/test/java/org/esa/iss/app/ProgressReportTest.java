package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressReportTest {

    @Test
    void printsWhileTheWorkMovesAndKeepsQuietWhileItDoesNot() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicLong rows = new AtomicLong();

        try (ProgressReport report = ProgressReport.every(Duration.ofMillis(20), rows::get, () -> "rows: " + rows.get(), out)) {
            Thread.sleep(200); // ten intervals without work: nothing to say
            assertThat(text(bytes)).isEmpty();

            rows.set(5);
            await().atMost(Duration.ofSeconds(5)).until(() -> text(bytes).contains("rows: 5 so far"));
            Thread.sleep(200); // the same total again: said once
            rows.set(7);
            await().atMost(Duration.ofSeconds(5)).until(() -> text(bytes).contains("rows: 7 so far"));
        }
        rows.set(9);
        Thread.sleep(200);

        assertThat(text(bytes).lines()).as("one line per change, none after close").containsExactly("rows: 5 so far", "rows: 7 so far");
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
