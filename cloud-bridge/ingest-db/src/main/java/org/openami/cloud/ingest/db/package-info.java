/**
 * The PostgreSQL side of cloud ingest. {@link Migrations} creates the schema (Flyway scripts in
 * {@code db/migration/ami}); {@link IngestWriter} stores what concentrators send, idempotently:
 * every envelope is first recorded in the replay table ({@code envelope_seen}), so a redelivered
 * copy writes nothing and a reused sequence number with other contents is refused; readings,
 * events and command results are keyed so that a record sent twice is stored once.
 * {@link QuarantineLog} keeps what could not be accepted, {@link CommandLog} the commands the
 * cloud sent and their results, {@link ReadingQueries} reads back. {@link EmbeddedDatabase}
 * runs a local PostgreSQL server for one-command setups and tests.
 *
 * <p>Energy and other measured values are integers in the unit of their
 * {@link org.openami.concentrator.model.Quantity} (Wh, varh, mV, mA, mW, mvar, mHz, 0.001);
 * times are epoch milliseconds in the API and {@code timestamptz} in the database.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.cloud.ingest.db;
