package org.esa.iss.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.Function;

/** Reads the properties files the command line names (--config, --kafka-config), each failing in its own words. */
final class PropertiesFiles {

    private PropertiesFiles() {
    }

    /**
     * The file's properties; if it cannot be read, {@code unreadable} turns the reason ("no such file", or the
     * error) into the caller's exception, which is thrown.
     */
    static Properties read(Path path, Function<String, ? extends RuntimeException> unreadable) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) { // the latter: a malformed backslash-u escape
            throw unreadable.apply(reason(e));
        }
        return properties;
    }

    private static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "it is not UTF-8 text; save it as UTF-8";
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
