package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class FailureTextTest {

    @Test
    void aFileErrorWhoseMessageIsOnlyItsPathGetsItsReasonInWords() {
        NoSuchFileException missing = new NoSuchFileException("/data/stations.tle");

        assertThat(FailureText.of(new UncheckedIOException("cannot read TLE file /data/stations.tle", missing)))
                .isEqualTo("cannot read TLE file /data/stations.tle (no such file or directory)");
        assertThat(FailureText.of(new IllegalStateException("cannot open the data directory",
                new AccessDeniedException("/data")))).isEqualTo("cannot open the data directory: /data (permission denied)");
    }

    @Test
    void eachCauseAddsWhatItSaysOnceAndOneWithoutAMessageIsNamed() {
        IllegalStateException inner = new IllegalStateException("bronze ends at version 4");
        RuntimeException wrapped = new RuntimeException("User rebalance callback throws an error: bronze ends at version 4", inner);

        assertThat(FailureText.of(new IllegalStateException("stage gold failed", wrapped)))
                .isEqualTo("stage gold failed: User rebalance callback throws an error: bronze ends at version 4");
        assertThat(FailureText.of(new IllegalStateException("stage gold failed", new NullPointerException())))
                .isEqualTo("stage gold failed: NullPointerException");
    }

    @Test
    void runningOutOfMemoryAnywhereDownTheChainComesWithHeapAdvice() {
        assertThat(FailureText.of(new IllegalStateException("stage bronze failed", new OutOfMemoryError("Java heap space"))))
                .startsWith("stage bronze failed: Java heap space. Give the JVM more heap, for example ISS_JAVA_OPTS=-Xmx2g");
        assertThat(FailureText.ofFatal(new OutOfMemoryError("Java heap space")))
                .startsWith("out of memory (Java heap space). Give the JVM more heap");
        assertThat(FailureText.ofFatal(new StackOverflowError())).startsWith("the JVM failed: java.lang.StackOverflowError");
    }
}
