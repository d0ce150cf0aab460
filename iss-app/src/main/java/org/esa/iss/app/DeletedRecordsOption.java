package org.esa.iss.app;

import picocli.CommandLine.Option;

/** Whether an ingester goes on past records the topic deleted before bronze read them ({@code bronze}, {@code run}). */
final class DeletedRecordsOption {
    @Option(names = "--skip-deleted-records",
            description = "Go on past records deleted from the topic (its retention ran out) before bronze read them, leaving "
                    + "their offsets out of bronze for good; each gap is logged. Without it such a gap stops the ingester.")
    boolean skip;
}
