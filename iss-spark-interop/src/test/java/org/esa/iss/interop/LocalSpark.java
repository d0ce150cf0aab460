package org.esa.iss.interop;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** A small Spark for tests: one local core, no UI, one shuffle partition, Delta Lake's SQL extensions. */
final class LocalSpark {
    private LocalSpark() {
    }

    /**
     * @param scratch where Spark may write its warehouse directory (nothing lands in the module)
     */
    static SparkSession start(Path scratch) {
        return SparkSession.builder()
                .appName("iss-spark-interop")
                .master("local[1]")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "1")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.session.timeZone", "UTC")
                // timestamps come back as java.time.Instant, dates as java.time.LocalDate
                .config("spark.sql.datetime.java8API.enabled", "true")
                .config("spark.sql.warehouse.dir", scratch.resolve("warehouse").toUri().toString())
                // State-store maintenance runs on a JVM-wide thread that outlives a stopped SparkContext and then
                // complains that its coordinator is gone; no test here runs long enough to need it.
                .config("spark.sql.streaming.stateStore.maintenanceInterval", "30min")
                .getOrCreate();
    }
}
