package org.esa.iss.ports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** What a poller starting after earlier runs sets out to fetch, for any positions those runs left in the topic. */
class MissedSecondsPropertiesTest {
    private static final long NOW = 1_800_000_000L;

    @Property
    void afterEarlierRunsEverySecondWithinReachFromTheirFirstPositionOnIsPublishedOrToFetchOnce(
            @ForAll @Size(min = 1, max = 60) Set<@IntRange(min = 0, max = 200) Integer> secondsAgo,
            @ForAll @IntRange(min = 0, max = 120) int reach) {
        NavigableSet<Long> published = new TreeSet<>();
        secondsAgo.forEach(ago -> published.add(NOW - ago));
        MissedSeconds missed = new MissedSeconds(reach);

        long holes = missed.missingAfter(published, NOW);

        List<Long> toFetch = missed.take(Integer.MAX_VALUE);
        assertThat(toFetch).as("oldest first, each once").isSorted().doesNotHaveDuplicates().doesNotContainAnyElementsOf(published);
        long firstWithinReach = NOW + 1 - reach;
        assertThat(toFetch).as("within reach").allMatch(s -> s >= firstWithinReach && s <= NOW);
        Set<Long> covered = new HashSet<>(published);
        covered.addAll(toFetch);
        long from = Math.max(firstWithinReach, published.first());
        for (long s = from; s <= NOW; s++) {
            assertThat(covered).as("second %d", s).contains(s);
        }
        assertThat(holes).as("the seconds to fetch before the newest position")
                .isEqualTo(toFetch.stream().filter(s -> s < published.last()).count());
        assertThat(missed.givenUp()).as("only a gap after the newest, beyond reach, is given up")
                .isEqualTo(Math.max(0, NOW - published.last() - reach));
    }

    @Property
    void theSecondsCountedWhileAnOutageLastsAreThoseItsEndMakesMissing(
            @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 150) Integer> received,
            @ForAll @IntRange(min = 0, max = 200) int outageEnd,
            @ForAll @IntRange(min = 0, max = 120) int reach) {
        MissedSeconds missed = new MissedSeconds(reach);
        received.forEach(second -> missed.received(NOW + second));

        int counted = missed.sizeIfMissingBefore(NOW + outageEnd);
        missed.missingBefore(NOW + outageEnd);

        assertThat(counted).isEqualTo(missed.size());
    }

    /**
     * Brute force, for positions received in order: the seconds missing are those after the first position, up to
     * the last one or the end of an outage after it, that never came; the newest {@code reach} of them are kept to fetch, oldest first, and
     * the rest are given up.
     */
    @Property
    void theSecondsKeptToFetchAreTheNewestNeverReceivedOnesWithinReach(
            @ForAll @Size(min = 1, max = 40) Set<@IntRange(min = 0, max = 150) Integer> received,
            @ForAll @IntRange(min = 0, max = 200) int outageEnd,
            @ForAll @IntRange(min = 0, max = 120) int reach) {
        MissedSeconds missed = new MissedSeconds(reach);
        TreeSet<Integer> inOrder = new TreeSet<>(received);
        inOrder.forEach(second -> missed.received(NOW + second));
        missed.missingBefore(NOW + outageEnd);

        List<Long> neverReceived = new java.util.ArrayList<>();
        for (int s = inOrder.first() + 1; s < Math.max(inOrder.last() + 1, outageEnd); s++) {
            if (!inOrder.contains(s)) {
                neverReceived.add(NOW + s);
            }
        }
        int kept = Math.min(reach, neverReceived.size());
        assertThat(missed.take(Integer.MAX_VALUE)).isEqualTo(neverReceived.subList(neverReceived.size() - kept, neverReceived.size()));
        assertThat(missed.givenUp()).isEqualTo(neverReceived.size() - kept);
    }
}
