package org.openami.dlt645.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.openami.dlt645.ControlCode.Function;
import org.openami.dlt645.Dlt645Frame;
import org.openami.dlt645.MeterAddress;
import org.openami.dlt645.Password;

class RelayControlCommandTest {

    private static final byte[] MASTER = "test master key, not for production".getBytes(StandardCharsets.US_ASCII);
    private static final MeterAddress METER = MeterAddress.parse("000000000001");
    private static final byte[] KEY = RelayCommandAuthenticator.meterKey(MASTER, METER);
    private static final RelayControlCommand TRIP = new RelayControlCommand(new Password(2, 123456), 0x12345678L,
            RelayControlType.TRIP, LocalDateTime.of(2026, 11, 21, 12, 30, 45), 7);

    @Test
    void encodesTheStandardLayoutThenCounterAndMac() {
        byte[] data = TRIP.encode(METER, KEY);
        assertThat(data).hasSize(36);
        // PA P0 P1 P2: level 2, 123456 in BCD low byte first
        assertThat(data).startsWith(0x02, 0x56, 0x34, 0x12, 0x78, 0x56, 0x34, 0x12, 0x1A, 0x00, 0x45, 0x30, 0x12, 0x21, 0x11, 0x26, 7, 0, 0, 0);
        Dlt645Frame frame = TRIP.toFrame(METER, KEY);
        assertThat(frame.function()).isEqualTo(Function.CONTROL);
        assertThat(frame.dataLength()).isLessThanOrEqualTo(Dlt645Frame.MAX_REQUEST_DATA);
    }

    @Test
    void roundTripsAndVerifiesWithTheMetersKeyOnly() {
        RelayControlCommand.Signed s = RelayControlCommand.decode(TRIP.encode(METER, KEY));
        assertThat(s.command()).isEqualTo(TRIP);
        assertThat(s.verify(METER, KEY)).isTrue();
        MeterAddress other = MeterAddress.parse("000000000002");
        assertThat(s.verify(other, RelayCommandAuthenticator.meterKey(MASTER, other))).isFalse();
        assertThat(s.verify(other, KEY)).as("the address is covered").isFalse();
    }

    @Test
    void everyFlippedBitBreaksTheMac() {
        byte[] data = TRIP.encode(METER, KEY);
        for (int i = 0; i < data.length * 8; i++) {
            byte[] t = data.clone();
            t[i / 8] ^= (byte) (1 << (i % 8));
            boolean ok;
            try {
                ok = RelayControlCommand.decode(t).verify(METER, KEY);
            } catch (IllegalArgumentException malformed) {
                ok = false;
            }
            assertThat(ok).as("bit %d", i).isFalse();
        }
    }

    @Test
    void diversifiedKeysDifferPerMeter() {
        assertThat(RelayCommandAuthenticator.meterKey(MASTER, MeterAddress.parse("000000000002"))).isNotEqualTo(KEY).hasSize(32);
    }

    @Test
    void malformedDataIsRefusedWithAReason() {
        assertThatThrownBy(() -> RelayControlCommand.decode(new byte[35])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("36");
        byte[] bad = TRIP.encode(METER, KEY);
        bad[8] = 0x55;
        assertThatThrownBy(() -> RelayControlCommand.decode(bad)).hasMessageContaining("control type");
        byte[] month = TRIP.encode(METER, KEY);
        month[14] = 0x13;
        assertThatThrownBy(() -> RelayControlCommand.decode(month)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void passwordNeverPrintsItsDigits() {
        assertThat(new Password(2, 123456).toString()).doesNotContain("123456");
    }
}
