package org.esa.iss.adapter.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.esa.iss.adapter.delta.FixColumnsReader.PositionSpan;
import org.esa.iss.domain.Fix;
import org.junit.jupiter.api.Test;

/** How a version's files and rows are put back in written order, each Kafka partition by offset. */
class WrittenOrderTest {

    @Test
    void filesOfOnePartitionEachWhoseOffsetsFollowEachOtherAreReadWhole() {
        List<PositionSpan> backlog = List.of(new PositionSpan(0, 0, 100, 199), new PositionSpan(1, 1, 0, 49),
                new PositionSpan(0, 0, 0, 99));
        assertThat(WrittenOrder.ofFiles(backlog)).containsExactly(2, 0, 1);
    }

    @Test
    void filesWhoseOffsetsInterleaveOrThatMixPartitionsOrHaveNoStatisticsAreNot() {
        assertThat(WrittenOrder.ofFiles(List.of(new PositionSpan(0, 0, 0, 120), new PositionSpan(0, 0, 100, 199)))).isNull();
        assertThat(WrittenOrder.ofFiles(List.of(new PositionSpan(0, 1, 0, 99), new PositionSpan(0, 0, 100, 199)))).isNull();
        assertThat(WrittenOrder.ofFiles(java.util.Arrays.asList(new PositionSpan(0, 0, 0, 99), null))).isNull();
    }

    @Test
    void rowsAreOrderedByOffsetWithinEachPartitionAndPartitionsKeepTheOrderTheyFirstAppearIn() {
        WrittenOrder written = new WrittenOrder();
        // a day's file, then the next day's: partition 1's offset 3 was written between 2 and 4, on the first day
        written.add(fix(1), 1, 2);
        written.add(fix(2), 0, 7);
        written.add(fix(3), 1, 4);
        written.add(fix(4), 1, 3);
        written.add(fix(5), 0, 8);
        assertThat(written.fixes()).containsExactly(fix(1), fix(4), fix(3), fix(2), fix(5));

        WrittenOrder alreadyInOrder = new WrittenOrder();
        alreadyInOrder.add(fix(1), 1, 2);
        alreadyInOrder.add(fix(2), 0, 7);
        alreadyInOrder.add(fix(3), 1, 3);
        assertThat(alreadyInOrder.fixes()).as("kept as read").containsExactly(fix(1), fix(2), fix(3));
    }

    private static Fix fix(int second) {
        return new Fix(25544, 1_714_032_708_000_000L + second * 1_000_000L, 0, 0, 420);
    }
}
