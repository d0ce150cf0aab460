/**
 * Delta Lake adapters: the bronze and quarantine tables the ingester appends to, the bronze change log the
 * refiner reads, the gold tables and their query side, and table maintenance (compaction, vacuum).
 *
 * <p>Written with delta-standalone for the transaction log and parquet-hadoop for the data files. Every
 * table uses Delta protocol (1, 2), UTC-microsecond timestamps, per-file statistics and a checkpoint every
 * 10 commits, so that Spark with delta-spark and any other Delta reader can open it.
 */
package org.esa.iss.adapter.delta;
