package org.esa.iss.ports.out;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.esa.iss.domain.Fix;

/**
 * Bronze as of one version, read one UTC event date at a time: where gold starts from when bronze's first versions
 * have left its log (see {@link BronzeChangeLog#firstVersion()}), so that it cannot replay them one by one.
 */
public interface BronzeSnapshot {

    /** The bronze version this is the content of. */
    long version();

    /** The UTC dates of the fixes it holds, ascending. */
    List<LocalDate> eventDates();

    /**
     * The fixes of one event date, in no particular order.
     *
     * @throws BronzeChangeLog.BronzeHistoryMissing if one of its files is gone (vacuumed)
     */
    List<Fix> fixesOn(LocalDate eventDate);

    /** The snapshot at {@code version} of the given event dates, whose fixes {@code fixesOn} reads. */
    static BronzeSnapshot of(long version, Collection<LocalDate> eventDates, Function<LocalDate, List<Fix>> fixesOn) {
        List<LocalDate> dates = eventDates.stream().sorted().toList();
        return new BronzeSnapshot() {
            @Override
            public long version() {
                return version;
            }

            @Override
            public List<LocalDate> eventDates() {
                return dates;
            }

            @Override
            public List<Fix> fixesOn(LocalDate eventDate) {
                return fixesOn.apply(eventDate);
            }
        };
    }
}
