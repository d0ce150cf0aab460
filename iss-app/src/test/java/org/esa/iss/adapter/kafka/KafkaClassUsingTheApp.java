package org.esa.iss.adapter.kafka;

import org.esa.iss.app.IssCommand;

/** A deliberate violation, compiled only into the app's tests: an adapter that depends on the app. */
final class KafkaClassUsingTheApp {
    IssCommand command;
}
