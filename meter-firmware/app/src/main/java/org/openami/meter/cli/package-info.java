/** Command lines: {@code ami meter}, {@code ami meter status|self-test|firmware}, {@code ami sim bus}. */
package org.openami.meter.cli;
