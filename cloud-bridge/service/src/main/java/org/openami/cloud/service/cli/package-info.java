/** {@code ./ami cloud}: the cloud service's command line. */
package org.openami.cloud.service.cli;
