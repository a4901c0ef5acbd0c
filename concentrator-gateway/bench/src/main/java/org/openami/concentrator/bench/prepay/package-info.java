/** {@code ./ami bench prepay}: latency of local prepayment from the exhausting poll to the trip frame, and from a top-up to the close frame. */
package org.openami.concentrator.bench.prepay;
