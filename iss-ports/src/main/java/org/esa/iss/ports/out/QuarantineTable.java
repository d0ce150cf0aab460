package org.esa.iss.ports.out;

/** The quarantine table: every record that failed parsing or validation, with raw bytes and error. */
public interface QuarantineTable extends PositionedTable<QuarantinedRecord> {
}
