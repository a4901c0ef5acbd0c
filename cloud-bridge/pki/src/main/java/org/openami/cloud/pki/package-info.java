/**
 * The project's certificate authority and TLS set-up, built on Bouncy Castle so that no
 * openssl is needed: {@link org.openami.cloud.pki.ProjectCa} issues concentrator (client)
 * certificates from CSRs made on the concentrator ({@link org.openami.cloud.pki.CertificateRequests})
 * and broker (server) certificates; {@link org.openami.cloud.pki.PemFiles} reads and writes
 * PEM files; {@link org.openami.cloud.pki.TlsContexts} and {@link org.openami.cloud.pki.Identity}
 * build TLS 1.3 mutual-authentication contexts. Everything read from outside is checked and
 * refused with a {@link org.openami.cloud.pki.PkiException} naming the problem.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.cloud.pki;
