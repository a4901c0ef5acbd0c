/**
 * The concentrator's DL/T 645-2007 master: {@link org.openami.concentrator.dlt645.Dlt645Master}
 * sends requests through a {@link org.openami.concentrator.channel.Channel} with the codec the
 * meter firmware uses ({@code org.openami.dlt645}); {@link org.openami.concentrator.dlt645.Dlt645Collection}
 * turns real-time reads, curve points and freezes into integer {@code Reading}s;
 * {@link org.openami.concentrator.dlt645.Dlt645Discovery} finds the meters on a bus.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.concentrator.dlt645;
