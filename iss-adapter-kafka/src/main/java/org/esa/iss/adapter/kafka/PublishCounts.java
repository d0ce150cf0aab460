package org.esa.iss.adapter.kafka;

/**
 * What the publisher has done so far. {@code published - delivered - failed} records are still waiting
 * for the broker.
 *
 * @param published records handed to {@code publish}
 * @param delivered records the broker acknowledged
 * @param failed    records that will never be delivered (each was logged at ERROR with its content)
 */
public record PublishCounts(long published, long delivered, long failed) {

    /** Records queued but neither delivered nor failed yet. */
    public long pending() {
        return published - delivered - failed;
    }
}
