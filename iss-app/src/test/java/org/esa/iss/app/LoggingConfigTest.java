package org.esa.iss.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shipped logback.xml, loaded as it is at start, with and without {@code ISS_LOG_LEVEL}. */
class LoggingConfigTest {
    /** A logger of the ports, which log through java.util.logging. */
    private static final String PORTS_LOGGER = "org.esa.iss.ports.PollingService";

    /** The configuration sets java.util.logging's levels, which are global: put them back as the JVM's start left them. */
    @AfterEach
    void defaultLevelsAgain() throws JoranException {
        configured(null);
    }

    @Test
    void withoutIssLogLevelThisSystemLogsInfoAndTheLibrariesWarnings() throws JoranException {
        LoggerContext context = configured(null);

        assertThat(context.getLogger("org.esa.iss.ports.IngestService").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.apache.kafka.clients.producer.KafkaProducer").getEffectiveLevel())
                .isEqualTo(Level.WARN);
        assertThat(java.util.logging.Logger.getLogger(PORTS_LOGGER).isLoggable(java.util.logging.Level.FINE)).isFalse();
    }

    @Test
    void issLogLevelSetsThisSystemsLinesThoseOfTheJavaLoggingPortsTooAndLeavesTheLibrariesQuiet() throws JoranException {
        LoggerContext debugging = configured("DEBUG");
        assertThat(debugging.getLogger("org.esa.iss.app.RunCommand").isDebugEnabled()).isTrue();
        assertThat(java.util.logging.Logger.getLogger(PORTS_LOGGER).isLoggable(java.util.logging.Level.FINE)).isTrue();
        assertThat(debugging.getLogger("org.apache.kafka.clients.producer.KafkaProducer").getEffectiveLevel())
                .isEqualTo(Level.WARN);

        LoggerContext quiet = configured("WARN");
        assertThat(quiet.getLogger("org.esa.iss.app.RunCommand").isInfoEnabled()).isFalse();
        assertThat(java.util.logging.Logger.getLogger(PORTS_LOGGER).isLoggable(java.util.logging.Level.INFO)).isFalse();
        assertThat(java.util.logging.Logger.getLogger(PORTS_LOGGER).isLoggable(java.util.logging.Level.WARNING)).isTrue();
    }

    @Test
    void aValueThatNamesNoLevelIsReportedSinceLogbackWouldLogAtDebug() {
        assertThat(IssDefaults.from(new String[0], Map.of("ISS_LOG_LEVEL", "warning")).logLevelProblem())
                .hasValue("ISS_LOG_LEVEL=warning names no level (TRACE, DEBUG, INFO, WARN, ERROR or OFF); logging at DEBUG");
        assertThat(IssDefaults.from(new String[0], Map.of("ISS_LOG_LEVEL", "warn")).logLevelProblem()).isEmpty();
        assertThat(IssDefaults.from(new String[0], Map.of()).logLevelProblem()).isEmpty();
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
