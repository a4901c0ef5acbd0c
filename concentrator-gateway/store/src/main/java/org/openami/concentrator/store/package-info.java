/**
 * Store-and-forward for the concentrator: {@link org.openami.concentrator.model.Reading}s,
 * {@link org.openami.concentrator.model.MeterEvent}s and
 * {@link org.openami.concentrator.model.CommandResult}s are kept in an embedded H2 MVStore file
 * ({@link ForwardStore}) until the uplink confirms delivery. Every put is durable against
 * {@code kill -9} when it returns; power loss is covered with
 * {@link StoreSettings#syncOnCommit()}. Delivered data is kept for
 * {@link StoreSettings#retention()}, the file is kept under {@link StoreSettings#maxBytes()}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.concentrator.store;
