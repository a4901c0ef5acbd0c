/**
 * The {@code ami pki} command line ({@link org.openami.cloud.pki.cli.PkiCommand}): {@code init},
 * {@code request}, {@code issue}, {@code server} and {@code show}. Not exported: other code uses
 * the library package {@code org.openami.cloud.pki}.
 */
package org.openami.cloud.pki.cli;
