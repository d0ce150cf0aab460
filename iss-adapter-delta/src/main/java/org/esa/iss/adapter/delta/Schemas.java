package org.esa.iss.adapter.delta;

import io.delta.standalone.types.BinaryType;
import io.delta.standalone.types.DataType;
import io.delta.standalone.types.DateType;
import io.delta.standalone.types.DoubleType;
import io.delta.standalone.types.IntegerType;
import io.delta.standalone.types.LongType;
import io.delta.standalone.types.StringType;
import io.delta.standalone.types.StructField;
import io.delta.standalone.types.StructType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Builds a table's Delta and Parquet schemas side by side from one column list, so the two cannot drift.
 * Delta columns are all nullable (what Spark writes and expects); Parquet columns are required where every
 * row has a value, which spares definition levels.
 */
final class Schemas {
    private final List<StructField> delta = new ArrayList<>();
    private final List<Type> parquet = new ArrayList<>();

    Schemas longColumn(String name) {
        return add(name, new LongType(), Types.required(PrimitiveTypeName.INT64).named(name));
    }

    Schemas intColumn(String name) {
        return add(name, new IntegerType(), Types.required(PrimitiveTypeName.INT32).named(name));
    }

    Schemas doubleColumn(String name) {
        return add(name, new DoubleType(), Types.required(PrimitiveTypeName.DOUBLE).named(name));
    }

    Schemas stringColumn(String name) {
        return add(name, new StringType(),
                Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name));
    }

    Schemas optionalStringColumn(String name) {
        return add(name, new StringType(),
                Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name));
    }

    Schemas optionalBinaryColumn(String name) {
        return add(name, new BinaryType(), Types.optional(PrimitiveTypeName.BINARY).named(name));
    }

    /** Microseconds since the epoch, UTC: Spark's TIMESTAMP. */
    Schemas timestampColumn(String name) {
        return add(name, new io.delta.standalone.types.TimestampType(), Types.required(PrimitiveTypeName.INT64)
                .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(name));
    }

    /** A date partition column: in the Delta schema only, its value lives in the directory name. */
    Schemas partitionDateColumn(String name) {
        delta.add(new StructField(name, new DateType(), true));
        return this;
    }

    private Schemas add(String name, DataType type, Type parquetType) {
        delta.add(new StructField(name, type, true));
        parquet.add(parquetType);
        return this;
    }

    StructType deltaSchema() {
        return new StructType(delta.toArray(StructField[]::new));
    }

    MessageType parquetSchema() {
        return new MessageType("spark_schema", parquet);
    }

    /** The {@code yyyy-MM-dd} partition value of a day, cached for the day it was last asked about. */
    static final class DayNames {
        private record Day(long epochDay, String name) {
        }

        private volatile Day last = new Day(Long.MIN_VALUE, "");

        String of(long epochDay) {
            Day day = last;
            if (day.epochDay != epochDay) {
                day = new Day(epochDay, LocalDate.ofEpochDay(epochDay).toString());
                last = day;
            }
            return day.name;
        }
    }
}
