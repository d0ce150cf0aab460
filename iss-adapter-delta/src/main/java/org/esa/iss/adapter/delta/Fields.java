package org.esa.iss.adapter.delta;

import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/** One-call field writes for encoders. */
final class Fields {
    private Fields() {
    }

    static void putLong(RecordConsumer out, String name, int index, long value) {
        out.startField(name, index);
        out.addLong(value);
        out.endField(name, index);
    }

    static void putInt(RecordConsumer out, String name, int index, int value) {
        out.startField(name, index);
        out.addInteger(value);
        out.endField(name, index);
    }

    static void putDouble(RecordConsumer out, String name, int index, double value) {
        out.startField(name, index);
        out.addDouble(value);
        out.endField(name, index);
    }

    static void putBinary(RecordConsumer out, String name, int index, Binary value) {
        out.startField(name, index);
        out.addBinary(value);
        out.endField(name, index);
    }

    /** Writes nothing for {@code null}: the column is optional and the row's value is missing. */
    static void putBytesOrNull(RecordConsumer out, String name, int index, byte[] value) {
        if (value != null) {
            putBinary(out, name, index, Binary.fromConstantByteArray(value));
        }
    }

    static void putStringOrNull(RecordConsumer out, String name, int index, String value) {
        if (value != null) {
            putBinary(out, name, index, Binary.fromString(value));
        }
    }
}
