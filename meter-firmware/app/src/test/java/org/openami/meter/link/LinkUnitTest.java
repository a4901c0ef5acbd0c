package org.openami.meter.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openami.meter.link.Wire.hex;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openami.dlt645.MeterAddress;

/** Settings, replies and the echo filter, without a port. */
class LinkUnitTest {

    @Test
    void defaultSettingsAre2400With8E1() {
        LinkSettings s = LinkSettings.dlt645Default();

        assertThat(s.baud()).isEqualTo(2400);
        assertThat(s.parity()).isEqualTo(LinkSettings.Parity.EVEN);
        assertThat(s.bitsPerByte()).isEqualTo(11);
        assertThat(s.turnaround()).isEqualTo(Duration.ofMillis(20));
        assertThat(s.preamble()).isEqualTo(4);
        assertThat(s.interByteTimeout()).isEqualTo(Duration.ofMillis(500));
        // PROTOCOL-NOTES: 4.58 ms a byte at 2400, 1.146 ms at 9600
        assertThat(s.wireNanos(1)).isEqualTo(4_583_334);
        assertThat(s.withBaud(9600).wireNanos(1)).isEqualTo(1_145_834);
    }

    @Test
    void settingsOutsideTheStandardAreRejected() {
        LinkSettings d = LinkSettings.dlt645Default();
        assertThatThrownBy(() -> d.withBaud(115200)).hasMessageContaining("baud");
        assertThatThrownBy(() -> d.withTurnaround(Duration.ofMillis(19))).hasMessageContaining("turnaround");
        assertThatThrownBy(() -> d.withTurnaround(Duration.ofMillis(501))).hasMessageContaining("turnaround");
        assertThatThrownBy(() -> d.withPreamble(5)).hasMessageContaining("preamble");
        assertThatThrownBy(() -> new LinkSettings(2400, 8, LinkSettings.Parity.EVEN, 3, Duration.ofMillis(20), 4,
                Duration.ofMillis(500))).hasMessageContaining("stop bits");
        assertThatThrownBy(() -> new LinkSettings(2400, 8, LinkSettings.Parity.EVEN, 1, Duration.ofMillis(20), 4,
                Duration.ZERO)).hasMessageContaining("inter-byte");
        assertThat(d.withTurnaround(Duration.ofMillis(500)).turnaround()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aBaudChangeReplyNeedsADlt645Rate() {
        var frame = org.openami.dlt645.Dlt645Frame.addressReply(MeterAddress.of(1));

        assertThat(SlaveReply.thenChangeBaud(frame, 9600).baudAfterReply()).hasValue(9600);
        assertThat(SlaveReply.of(frame).baudAfterReply()).isEmpty();
        assertThatThrownBy(() -> SlaveReply.thenChangeBaud(frame, 9601)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void echoFilterSwallowsTheEchoSplitAnywhere() {
        EchoFilter f = new EchoFilter();
        byte[] written = hex("FE FE 68 01 02 16");
        f.expect(written, Long.MAX_VALUE);
        byte[] out = new byte[64];
        int[] ignored = new int[1];

        assertThat(f.filter(hex("FE FE 68"), 3, 0, out, ignored)).isZero();
        assertThat(ignored[0]).isZero();
        int n = f.filter(hex("01 02 16 68 AA"), 5, 0, out, ignored);

        assertThat(ignored[0]).isEqualTo(6);
        assertThat(hex(Arrays.copyOf(out, n))).as("bytes after the echo").isEqualTo("68 AA");
        assertThat(f.active()).isFalse();
    }

    @Test
    void echoFilterGivesBackAPrefixThatTurnsOutNotToBeAnEcho() {
        EchoFilter f = new EchoFilter();
        f.expect(hex("FE FE 68 01 02 16"), Long.MAX_VALUE);
        byte[] out = new byte[64];
        int[] ignored = new int[1];

        assertThat(f.filter(hex("FE FE 68"), 3, 0, out, ignored)).isZero();
        int n = f.filter(hex("01 11 04"), 3, 0, out, ignored);

        assertThat(hex(Arrays.copyOf(out, n))).isEqualTo("FE FE 68 01 11 04");
        assertThat(ignored[0]).isZero();
    }

    @Test
    void echoFilterGivesBackAPartialMatchAfterItsDeadline() {
        EchoFilter f = new EchoFilter();
        f.expect(hex("FE FE 68 01"), 1_000);
        byte[] out = new byte[64];
        int[] ignored = new int[1];
        assertThat(f.filter(hex("FE FE"), 2, 500, out, ignored)).isZero();

        int n = f.filter(new byte[0], 0, 2_000, out, ignored);

        assertThat(hex(Arrays.copyOf(out, n))).isEqualTo("FE FE");
        assertThat(f.active()).isFalse();
    }
}
