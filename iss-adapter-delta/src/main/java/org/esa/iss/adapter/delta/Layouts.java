package org.esa.iss.adapter.delta;

import io.delta.standalone.DeltaLog;
import io.delta.standalone.Snapshot;
import java.util.List;

/** Which of this module's layouts a table on disk has, found from the name in its metadata. */
final class Layouts {
    private static final List<TableLayout> ALL = List.of(BronzeLayout.LAYOUT, QuarantineLayout.LAYOUT,
            GoldLayouts.WINDOWS_LAYOUT, GoldLayouts.ORBITS_LAYOUT);

    private Layouts() {
    }

    static TableLayout of(TableStorage storage) {
        Snapshot snapshot = DeltaLog.forTable(storage.conf(), storage.root()).update();
        if (snapshot.getVersion() < 0) {
            throw new IllegalArgumentException("no Delta table at " + storage.root());
        }
        String name = snapshot.getMetadata().getName();
        return ALL.stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("table " + storage.root() + " is '" + name
                        + "', not one of this system's tables " + ALL.stream().map(TableLayout::name).toList()));
    }
}
