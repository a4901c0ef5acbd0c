/** What every driver needs: bounded retries, bus adapters that turn library errors into HAL exceptions, register codecs. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.hal.driver.support;
