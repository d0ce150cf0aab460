package org.esa.iss.adapter.delta;

/**
 * A table whose Delta log cannot be read at all (damaged, written by a newer Delta protocol, not readable by
 * this user). Its own type, so that callers that retry or give up on conflicts never mistake it for one.
 */
public final class UnreadableTableException extends RuntimeException {
    UnreadableTableException(String message, Throwable cause) {
        super(message, cause);
    }
}
