package org.esa.iss.app;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;

/**
 * A Kafka client properties file, as Kafka's own tools take one ({@code --command-config}): the way to pass the
 * several properties SASL or SSL need through one {@code ISS_KAFKA_CONFIG} variable or config-file key, which
 * hold one value each. Read when the command line is parsed, so an unreadable file is a usage error.
 */
record KafkaClientFile(Path path, Map<String, String> properties) {

    static final KafkaClientFile NONE = new KafkaClientFile(null, Map.of());

    static final class Converter implements CommandLine.ITypeConverter<KafkaClientFile> {
        @Override
        public KafkaClientFile convert(String value) {
            Path path = Path.of(value);
            Properties file = PropertiesFiles.read(path, reason -> new CommandLine.TypeConversionException(
                    "cannot read the Kafka client properties file " + value + " (" + reason + ")"));
            Map<String, String> properties = new HashMap<>();
            file.stringPropertyNames().forEach(key -> properties.put(key, file.getProperty(key)));
            return new KafkaClientFile(path, Map.copyOf(properties));
        }
    }
}
