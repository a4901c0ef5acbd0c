-- The concentrators' prepayment ledgers, as they report them: every entry (opening balance,
-- charge, top-up, adjustment) arrives as a LEDGER_ENTRY event whose detail is a JSON object
-- {"seq", "account", "kind", "amount", "balance", "ref"} (amounts in integer fen). Events are
-- stored once by their natural key, so a re-sent entry is not counted twice. The view gives the
-- cloud an account history to reconcile with the concentrator's: gaps in seq per concentrator
-- are entries not (yet) received; TOP_UP entries match command ids of TOP_UP commands.
CREATE VIEW ledger_entry AS
SELECT concentrator_id,
       meter,
       detail::jsonb ->> 'account'           AS account,
       (detail::jsonb ->> 'seq')::bigint     AS seq,
       detail::jsonb ->> 'kind'              AS kind,
       (detail::jsonb ->> 'amount')::bigint  AS amount_fen,
       (detail::jsonb ->> 'balance')::bigint AS balance_fen,
       detail::jsonb ->> 'ref'               AS reference,
       event_time,
       received_at
FROM meter_event
WHERE type = 'LEDGER_ENTRY' AND left(detail, 1) = '{';
