package org.esa.iss.ports.in;

/**
 * The topic an ingester reads is not the one bronze read under that name: it was deleted and created again.
 * Reading on from bronze's positions would skip the new topic's first records, and its offsets would repeat
 * ones bronze holds; nothing was committed.
 */
public final class TopicReplaced extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public TopicReplaced(String message) {
        super(message);
    }
}
