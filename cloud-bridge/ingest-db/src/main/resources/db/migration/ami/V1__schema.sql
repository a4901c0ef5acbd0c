-- OpenAMI cloud ingest schema, version 1.
-- Times are timestamptz (UTC instants); the API converts from and to epoch milliseconds.
-- Measured values are bigint in the integer unit of their quantity (see quantity_unit):
-- energy in Wh or varh, voltage mV, current mA, power mW or mvar, frequency mHz,
-- power factor in thousandths. Nothing is stored as floating point.

-- Reading identity columns are enums: 4 bytes each in rows and in the primary-key index
-- (instead of up to 28 bytes of text), compared without collation rules. Their labels are the
-- names of org.openami.concentrator.model.ReadingKind and Quantity, in the same order; a
-- value added to those Java enums needs ALTER TYPE ... ADD VALUE in a new migration.
-- Comparing with a string parameter needs a cast: quantity = ?::quantity.
CREATE TYPE reading_kind AS ENUM ('REALTIME', 'CURVE', 'DAILY_FREEZE', 'MONTHLY_FREEZE');

CREATE TYPE quantity AS ENUM (
    'ENERGY_FORWARD_ACTIVE_TOTAL',
    'ENERGY_FORWARD_ACTIVE_T1',
    'ENERGY_FORWARD_ACTIVE_T2',
    'ENERGY_FORWARD_ACTIVE_T3',
    'ENERGY_FORWARD_ACTIVE_T4',
    'ENERGY_REVERSE_ACTIVE_TOTAL',
    'ENERGY_REACTIVE_IMPORT_TOTAL',
    'ENERGY_REACTIVE_EXPORT_TOTAL',
    'VOLTAGE_A',
    'VOLTAGE_B',
    'VOLTAGE_C',
    'CURRENT_A',
    'CURRENT_B',
    'CURRENT_C',
    'ACTIVE_POWER_TOTAL',
    'ACTIVE_POWER_A',
    'ACTIVE_POWER_B',
    'ACTIVE_POWER_C',
    'REACTIVE_POWER_TOTAL',
    'POWER_FACTOR_TOTAL',
    'FREQUENCY',
    'MAX_DEMAND_FORWARD_ACTIVE');

-- The integer unit of reading.value for each quantity (Quantity.unit() in the model).
CREATE TABLE quantity_unit (
    quantity quantity PRIMARY KEY,
    unit     text NOT NULL
);
INSERT INTO quantity_unit (quantity, unit) VALUES
    ('ENERGY_FORWARD_ACTIVE_TOTAL', 'Wh'),
    ('ENERGY_FORWARD_ACTIVE_T1', 'Wh'),
    ('ENERGY_FORWARD_ACTIVE_T2', 'Wh'),
    ('ENERGY_FORWARD_ACTIVE_T3', 'Wh'),
    ('ENERGY_FORWARD_ACTIVE_T4', 'Wh'),
    ('ENERGY_REVERSE_ACTIVE_TOTAL', 'Wh'),
    ('ENERGY_REACTIVE_IMPORT_TOTAL', 'varh'),
    ('ENERGY_REACTIVE_EXPORT_TOTAL', 'varh'),
    ('VOLTAGE_A', 'mV'),
    ('VOLTAGE_B', 'mV'),
    ('VOLTAGE_C', 'mV'),
    ('CURRENT_A', 'mA'),
    ('CURRENT_B', 'mA'),
    ('CURRENT_C', 'mA'),
    ('ACTIVE_POWER_TOTAL', 'mW'),
    ('ACTIVE_POWER_A', 'mW'),
    ('ACTIVE_POWER_B', 'mW'),
    ('ACTIVE_POWER_C', 'mW'),
    ('REACTIVE_POWER_TOTAL', 'mvar'),
    ('POWER_FACTOR_TOTAL', '0.001'),
    ('FREQUENCY', 'mHz'),
    ('MAX_DEMAND_FORWARD_ACTIVE', 'mW');

-- One row per (meter, quantity, kind, data time): a reading sent again is the same row.
-- Fixed-width columns first (no alignment padding); fillfactor leaves room for in-place
-- (HOT) updates when a value is corrected.
CREATE TABLE reading (
    data_time       timestamptz  NOT NULL,
    value           bigint       NOT NULL,
    read_at         timestamptz  NOT NULL,
    received_at     timestamptz  NOT NULL,
    point           integer      NOT NULL,
    quantity        quantity     NOT NULL,
    kind            reading_kind NOT NULL,
    meter           text COLLATE "C" NOT NULL,
    concentrator_id text COLLATE "C" NOT NULL,
    PRIMARY KEY (meter, quantity, kind, data_time)
) WITH (fillfactor = 90);

COMMENT ON TABLE reading IS 'Meter readings, one per (meter, quantity, kind, data_time); last write wins on a different value';
COMMENT ON COLUMN reading.value IS 'Integer value in the unit of its quantity (table quantity_unit): Wh, varh, mV, mA, mW, mvar, mHz or 0.001';
COMMENT ON COLUMN reading.data_time IS 'The time the value belongs to (the quarter hour of a curve point, the day or month of a freeze, the reading time of a real-time value)';
COMMENT ON COLUMN reading.read_at IS 'When the concentrator received the value from the meter';
COMMENT ON COLUMN reading.received_at IS 'When the cloud received the envelope that last wrote this row';
COMMENT ON COLUMN reading.point IS 'Measurement point number in the concentrator archive';

-- Events: no identity of their own in the model; a natural key makes a re-sent event one row.
-- The detail enters the key as its MD5 (16 bytes, computed by the server from the stored text:
-- a de-duplication key, not a security function; the key also holds the sender).
CREATE TABLE meter_event (
    id              bigserial   PRIMARY KEY,
    event_time      timestamptz NOT NULL,
    received_at     timestamptz NOT NULL,
    point           integer     NOT NULL,
    concentrator_id text COLLATE "C" NOT NULL,
    meter           text COLLATE "C" NOT NULL,
    type            text COLLATE "C" NOT NULL,
    detail          text        NOT NULL,
    detail_hash     bytea       NOT NULL GENERATED ALWAYS AS (decode(md5(detail), 'hex')) STORED,
    CONSTRAINT meter_event_natural UNIQUE (concentrator_id, meter, type, event_time, detail_hash)
);
CREATE INDEX meter_event_time ON meter_event (event_time);

COMMENT ON TABLE meter_event IS 'Meter and concentrator events; meter is empty for concentrator-wide events';

-- Commands the cloud sent, and their state; results update state and the result columns.
CREATE TABLE command (
    command_id         text COLLATE "C" PRIMARY KEY,
    concentrator_id    text COLLATE "C" NOT NULL,
    type               text        NOT NULL,
    point              integer     NOT NULL,
    meter              text COLLATE "C" NOT NULL,
    params             jsonb       NOT NULL DEFAULT '{}'::jsonb,
    issued_at          timestamptz NOT NULL,
    expires_at         timestamptz NOT NULL,
    state              text        NOT NULL DEFAULT 'SENT'
                       CHECK (state IN ('SENT', 'SUCCEEDED', 'FAILED', 'EXPIRED')),
    result_success     boolean,
    result_reason      text,
    result_time        timestamptz,
    result_received_at timestamptz
);
CREATE INDEX command_open ON command (expires_at) WHERE state = 'SENT';
CREATE INDEX command_concentrator ON command (concentrator_id, issued_at);

-- The one result of a command, as the concentrator reported it.
CREATE TABLE command_result (
    command_id      text COLLATE "C" PRIMARY KEY,
    concentrator_id text COLLATE "C" NOT NULL,
    point           integer     NOT NULL,
    meter           text COLLATE "C" NOT NULL,
    command         text        NOT NULL,
    success         boolean     NOT NULL,
    reason          text        NOT NULL,
    result_time     timestamptz NOT NULL,
    received_at     timestamptz NOT NULL
);

-- The replay window: every applied envelope, by sender and sequence number.
CREATE TABLE envelope_seen (
    concentrator_id text COLLATE "C" NOT NULL,
    sequence        bigint      NOT NULL,
    digest          bytea       NOT NULL,
    received_at     timestamptz NOT NULL,
    PRIMARY KEY (concentrator_id, sequence)
);
CREATE INDEX envelope_seen_received ON envelope_seen (received_at);

-- What could not be accepted, with the first 64 KiB of the envelope for analysis.
CREATE TABLE quarantine (
    id              bigserial   PRIMARY KEY,
    received_at     timestamptz NOT NULL,
    topic           text        NOT NULL,
    concentrator_id text,
    sequence        bigint,
    reason          text        NOT NULL,
    detail          text        NOT NULL,
    size            integer     NOT NULL CHECK (size >= 0),
    envelope        bytea       NOT NULL CHECK (octet_length(envelope) <= 65536)
);
CREATE INDEX quarantine_received ON quarantine (received_at);
