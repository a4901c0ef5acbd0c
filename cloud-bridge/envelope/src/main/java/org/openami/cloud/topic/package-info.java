/**
 * The MQTT topic scheme shared by the concentrator's uplink and the cloud service
 * ({@link Topics}), version 1.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.cloud.topic;
