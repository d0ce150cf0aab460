package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.junit.jupiter.api.Test;

/** The shipped logback.xml, loaded as it is at start, with and without {@code ISS_LOG_LEVEL}. */
class LoggingConfigTest {

    @Test
    void withoutIssLogLevelThisSystemLogsInfoAndTheLibrariesWarnings() throws JoranException {
        LoggerContext context = configured(null);

        assertThat(context.getLogger("org.esa.iss.ports.IngestService").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.apache.kafka.clients.producer.KafkaProducer").getEffectiveLevel())
                .isEqualTo(Level.WARN);
    }

    @Test
    void issLogLevelSetsThisSystemsLinesAndLeavesTheLibrariesQuiet() throws JoranException {
        LoggerContext debugging = configured("DEBUG");
        assertThat(debugging.getLogger("org.esa.iss.ports.IngestService").isDebugEnabled()).isTrue();
        assertThat(debugging.getLogger("org.apache.kafka.clients.producer.KafkaProducer").getEffectiveLevel())
                .isEqualTo(Level.WARN);

        LoggerContext quiet = configured("WARN");
        assertThat(quiet.getLogger("org.esa.iss.ports.IngestService").isInfoEnabled()).isFalse();
        assertThat(quiet.getLogger("org.esa.iss.ports.IngestService").isWarnEnabled()).isTrue();
    }

    /** A context of its own, so that the tests' logging is left as it is; the variable is read as a context property. */
    private static LoggerContext configured(String issLogLevel) throws JoranException {
        LoggerContext context = new LoggerContext();
        if (issLogLevel != null) {
            context.putProperty("ISS_LOG_LEVEL", issLogLevel);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LoggingConfigTest.class.getResource("/logback.xml"));
        return context;
    }
}
