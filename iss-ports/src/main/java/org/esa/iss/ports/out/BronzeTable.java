package org.esa.iss.ports.out;

/** The bronze table: every valid record, as received, with its Kafka lineage. */
public interface BronzeTable extends PositionedTable<BronzeRecord> {
}
