package org.esa.iss.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Fixes waiting for the watermark, sorted by event time, one per event time. Inserting near the tail is
 * cheap, which is the common case: fixes arrive almost in order.
 */
final class PendingFixes {
    private Fix[] items = new Fix[32];
    private int head;
    private int tail;

    /** Inserts in event-time order; returns false (and keeps the first) if the time is already present. */
    boolean insert(Fix fix) {
        long time = fix.eventMicros();
        int i = tail;
        while (i > head && items[i - 1].eventMicros() > time) {
            i--;
        }
        if (i > head && items[i - 1].eventMicros() == time) {
            return false;
        }
        if (tail == items.length) {
            i -= makeRoom();
        }
        System.arraycopy(items, i, items, i + 1, tail - i);
        items[i] = fix;
        tail++;
        return true;
    }

    boolean isEmpty() {
        return head == tail;
    }

    Fix first() {
        return items[head];
    }

    Fix removeFirst() {
        Fix first = items[head];
        items[head++] = null;
        if (head == tail) {
            head = 0;
            tail = 0;
        }
        return first;
    }

    List<Fix> toList() {
        List<Fix> list = new ArrayList<>(tail - head);
        for (int i = head; i < tail; i++) {
            list.add(items[i]);
        }
        return list;
    }

    /** Compacts to index 0 (growing if more than half full); returns how far the elements moved left. */
    private int makeRoom() {
        int size = tail - head;
        Fix[] target = size * 2 > items.length ? new Fix[items.length * 2] : items;
        System.arraycopy(items, head, target, 0, size);
        if (target == items) {
            java.util.Arrays.fill(items, size, tail, null);
        }
        int shift = head;
        items = target;
        head = 0;
        tail = size;
        return shift;
    }
}
