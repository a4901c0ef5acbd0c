/**
 * Local prepayment (费控) at the concentrator: versioned flat, time-of-use and tiered tariffs
 * ({@link TariffBook}), the rules that turn a balance into alarm, trip and reconnect decisions
 * ({@link PrepayPolicy}, {@link ProtectedWindows}) and a crash-safe ledger in integer fen
 * ({@link PrepayEngine}). Pure logic plus an embedded H2 MVStore file: nothing here talks to a
 * meter; callers act on the {@link Decision}s and report what the meter's relay did.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openami.concentrator.prepay;
