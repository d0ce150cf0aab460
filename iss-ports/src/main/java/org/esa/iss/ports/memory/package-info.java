/**
 * In-memory implementations of every driven port: for embedders who want the services without Kafka or
 * Delta, and for tests, including crash simulation ({@link org.esa.iss.ports.memory.CrashSwitch}).
 */
package org.esa.iss.ports.memory;
