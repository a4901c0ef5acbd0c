package org.openami.dlt645.control;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDateTime;
import java.util.Objects;
import org.openami.dlt645.ControlCode.Function;
import org.openami.dlt645.Dlt645Frame;
import org.openami.dlt645.MeterAddress;
import org.openami.dlt645.Password;
import org.openami.dlt645.data.ClockFormat;

/**
 * The data of a 1CH control command, as DL/T 645-2007 lays it out (password PA P0..P2,
 * operator code C0..C3, control type N1, reserved N2, expiry N3..N8 as ssmmhhDDMMYY)
 * followed by this project's authentication extension: a 4-byte counter (little-endian)
 * that must grow from command to command, and a {@value RelayCommandAuthenticator#MAC_SIZE}-byte
 * MAC over everything before it ({@link RelayCommandAuthenticator}). 36 bytes in all.
 *
 * @param password     the sender's password
 * @param operatorCode operator code, 0..FFFFFFFF
 * @param type         what to do
 * @param expiry       the command is void after this time (meter local time)
 * @param counter      anti-replay counter, 1..FFFFFFFF, strictly greater than every one the meter accepted
 */
public record RelayControlCommand(Password password, long operatorCode, RelayControlType type,
                                  LocalDateTime expiry, long counter) {

    public static final int FIELDS_SIZE = Password.SIZE + 4 + 2 + ClockFormat.DATE_TIME_SIZE + 4;
    public static final int SIZE = FIELDS_SIZE + RelayCommandAuthenticator.MAC_SIZE;

    public RelayControlCommand {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(expiry, "expiry");
        if (operatorCode < 0 || operatorCode > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("operator code is 4 bytes");
        }
        if (counter < 1 || counter > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("counter must be 1..FFFFFFFF");
        }
    }

    /** The bytes the MAC covers (everything but the MAC). */
    public byte[] fields() {
        ByteBuffer b = ByteBuffer.allocate(FIELDS_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        byte[] pw = new byte[Password.SIZE];
        password.writeTo(pw, 0);
        b.put(pw).putInt((int) operatorCode).put((byte) type.code()).put((byte) 0)
                .put(ClockFormat.encodeDateTime(expiry)).putInt((int) counter);
        return b.array();
    }

    /** The complete 1CH data field with the MAC for {@code target}. */
    public byte[] encode(MeterAddress target, byte[] meterKey) {
        byte[] f = fields();
        byte[] mac = RelayCommandAuthenticator.mac(meterKey, target, f);
        byte[] out = new byte[SIZE];
        System.arraycopy(f, 0, out, 0, f.length);
        System.arraycopy(mac, 0, out, f.length, mac.length);
        return out;
    }

    /** The request frame to {@code target}. */
    public Dlt645Frame toFrame(MeterAddress target, byte[] meterKey) {
        return Dlt645Frame.request(target, Function.CONTROL, encode(target, meterKey));
    }

    /** A received command and the MAC it came with, not yet verified. */
    public record Signed(RelayControlCommand command, byte[] fields, byte[] mac) {
        public boolean verify(MeterAddress target, byte[] meterKey) {
            return RelayCommandAuthenticator.verify(meterKey, target, fields, mac);
        }
    }

    /**
     * Parses a 1CH data field.
     *
     * @throws IllegalArgumentException if the length is wrong or a field is malformed
     *                                  (bad BCD, unknown control type, impossible date, zero counter)
     */
    public static Signed decode(byte[] data) {
        if (data.length != SIZE) {
            throw new IllegalArgumentException("an authenticated 1CH command has " + SIZE + " data bytes, got " + data.length);
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        Password pw = Password.readFrom(data, 0);
        b.position(Password.SIZE);
        long operator = b.getInt() & 0xFFFFFFFFL;
        RelayControlType type = RelayControlType.fromCode(b.get());
        b.get();
        LocalDateTime expiry;
        try {
            expiry = ClockFormat.decodeDateTime(data, b.position());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("impossible expiry time: " + e.getMessage(), e);
        }
        b.position(b.position() + ClockFormat.DATE_TIME_SIZE);
        long counter = b.getInt() & 0xFFFFFFFFL;
        byte[] fields = java.util.Arrays.copyOf(data, FIELDS_SIZE);
        byte[] mac = java.util.Arrays.copyOfRange(data, FIELDS_SIZE, SIZE);
        return new Signed(new RelayControlCommand(pw, operator, type, expiry, counter), fields, mac);
    }
}
