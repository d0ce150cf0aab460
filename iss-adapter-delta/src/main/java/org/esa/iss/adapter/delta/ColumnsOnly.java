package org.esa.iss.adapter.delta;

import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;

/**
 * For readers that take values straight from Parquet's column readers: the record converter those readers
 * require but that is never asked to assemble a record.
 */
final class ColumnsOnly {
    static final GroupConverter NO_RECORDS = new GroupConverter() {
        private final PrimitiveConverter primitive = new PrimitiveConverter() {
        };

        @Override
        public Converter getConverter(int fieldIndex) {
            return primitive;
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    };

    private ColumnsOnly() {
    }
}
