package org.openami.concentrator.dlt645.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.openami.dlt645.control.RelayControlType;

/** Status word decoding, the verdicts on each control type, back-off and refusal reasons. */
class RelayPartsTest {

    @Property
    void statusWordBitsMapToTheirFlags(@ForAll @IntRange(min = 0, max = 0xFFFF) int word) {
        RelayStatus s = RelayStatus.decode(new byte[] {(byte) word, (byte) (word >>> 8)});
        assertThat(s.word()).isEqualTo(word);
        assertThat(s.contactOpen()).isEqualTo((word & 0x0010) != 0);
        assertThat(s.commandedOpen()).isEqualTo((word & 0x0040) != 0);
        assertThat(s.alarm()).isEqualTo((word & 0x0080) != 0);
        assertThat(s.keepPower()).isEqualTo((word & 0x1000) != 0);
    }

    @Test
    void aStatusOfTheWrongLengthIsRejected() {
        assertThatThrownBy(() -> RelayStatus.decode(new byte[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the meter sent 3");
        assertThatThrownBy(() -> RelayStatus.ofWord(0x10000)).isInstanceOf(IllegalArgumentException.class);
    }

    private static RelayStatus status(boolean contactOpen, boolean commandedOpen, boolean alarm, boolean keepPower) {
        return RelayStatus.ofWord((contactOpen ? 0x10 : 0) | (commandedOpen ? 0x40 : 0) | (alarm ? 0x80 : 0)
                | (keepPower ? 0x1000 : 0));
    }

    @Test
    void verdicts() {
        var open = status(true, true, false, false);
        var closed = status(false, false, false, false);
        var welded = status(false, true, false, false);
        var stuck = status(true, false, false, false);
        assertThat(RelayExpectation.check(RelayControlType.TRIP, open, true).followed()).isTrue();
        assertThat(RelayExpectation.check(RelayControlType.TRIP, welded, false).detail())
                .isEqualTo("relay did not follow: contact still closed after TRIP (welded?)");
        assertThat(RelayExpectation.check(RelayControlType.TRIP, status(false, false, false, true), false).detail())
                .startsWith("trip refused: keep-power");
        assertThat(RelayExpectation.check(RelayControlType.DIRECT_CLOSE, closed, true).followed()).isTrue();
        assertThat(RelayExpectation.check(RelayControlType.DIRECT_CLOSE, stuck, true).detail())
                .isEqualTo("relay did not follow: contact still open after DIRECT_CLOSE (stuck open?)");
        assertThat(RelayExpectation.check(RelayControlType.DIRECT_CLOSE, open, true).followed()).isFalse();
        // close allowed: acknowledged and no longer held open, the contact waits for the button
        assertThat(RelayExpectation.check(RelayControlType.CLOSE_ALLOWED, stuck, true).followed()).isTrue();
        assertThat(RelayExpectation.check(RelayControlType.CLOSE_ALLOWED, stuck, false).followed()).isFalse();
        assertThat(RelayExpectation.check(RelayControlType.CLOSE_ALLOWED, open, true).followed()).isFalse();
        assertThat(RelayExpectation.check(RelayControlType.ALARM, status(false, false, true, false), true).followed())
                .isTrue();
        assertThat(RelayExpectation.check(RelayControlType.ALARM, closed, true).followed()).isFalse();
        assertThat(RelayExpectation.check(RelayControlType.ALARM_RELEASE, closed, true).followed()).isTrue();
        assertThat(RelayExpectation.check(RelayControlType.KEEP_POWER, status(false, false, false, true), true)
                .followed()).isTrue();
        assertThat(RelayExpectation.check(RelayControlType.KEEP_POWER_RELEASE, status(false, false, false, true), true)
                .followed()).isFalse();
    }

    @Test
    void backOffDoublesUpToTheMaximum() {
        RelayRetry r = new RelayRetry(6, Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(r.delayBefore(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(r.delayBefore(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(r.delayBefore(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(r.delayBefore(5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(r.delayBefore(6)).isEqualTo(Duration.ofSeconds(5));
        assertThat(RelayRetry.DEFAULT.delayBefore(3)).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> new RelayRetry(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RelayRetry(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusalRecordsAreExplainedOnlyForControlCommands() {
        assertThat(RefusalReasons.explain(new byte[] {0, 0, 0, 1, 1, 26, 0x1C, 2})).startsWith("authentication code");
        assertThat(RefusalReasons.explain(new byte[] {0, 0, 0, 1, 1, 26, 0x1C, 3})).startsWith("counter already used");
        assertThat(RefusalReasons.explain(new byte[] {0, 0, 0, 1, 1, 26, 0x14, 1})).as("a write's failure").isNull();
        assertThat(RefusalReasons.explain(new byte[] {0, 0, 0, 1, 1, 26, 0x1C, 9})).isNull();
        assertThat(RefusalReasons.explain(new byte[8])).as("no record yet").isNull();
        assertThat(RefusalReasons.explain(new byte[5])).isNull();
    }
}
