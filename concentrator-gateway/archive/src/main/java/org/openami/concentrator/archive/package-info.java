/**
 * The concentrator's meter archive (档案): which meters exist, where they hang and how to
 * talk to them.
 *
 * <ul>
 *   <li>{@link org.openami.concentrator.archive.MeterRecord} is one meter,
 *       {@link org.openami.concentrator.archive.MeterArchive} an immutable, validated set of
 *       them (at most {@value org.openami.concentrator.archive.MeterRecord#MAX_POINT}) with
 *       lookups by point, by (channel, address) and by channel.</li>
 *   <li>{@link org.openami.concentrator.archive.ArchiveFormat} reads and writes the CSV and
 *       JSON file formats; {@link org.openami.concentrator.archive.ArchiveFiles} loads and
 *       atomically saves archive files.</li>
 *   <li>Bad input is reported as a checked
 *       {@link org.openami.concentrator.archive.ArchiveException} listing every
 *       {@link org.openami.concentrator.archive.ArchiveProblem} (line, field, value, message)
 *       of the file, never as another runtime exception.</li>
 * </ul>
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.concentrator.archive;
