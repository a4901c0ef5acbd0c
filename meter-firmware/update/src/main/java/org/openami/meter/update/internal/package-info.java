/** Helpers private to this bundle (not exported): hex, SHA-256, durable file operations, properties text. */
package org.openami.meter.update.internal;
