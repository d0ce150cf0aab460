package org.esa.iss.domain;

import java.nio.file.Path;

/** A deliberate violation, compiled only into the app's tests: a domain class that touches the file system. */
final class DomainClassReadingFiles {
    Path file;
}
