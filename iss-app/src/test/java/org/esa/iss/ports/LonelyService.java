package org.esa.iss.ports;

/** A deliberate violation, compiled only into the app's tests: a service that implements no use case. */
final class LonelyService {
}
