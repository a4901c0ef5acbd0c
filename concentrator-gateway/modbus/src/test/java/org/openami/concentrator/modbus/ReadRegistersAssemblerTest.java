package org.openami.concentrator.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.openami.concentrator.channel.ExchangeException;
import org.openami.concentrator.channel.FailureReason;

class ReadRegistersAssemblerTest {

    @Test
    void requestFrameIsTheKnownAnswer() {
        // protocol notes: request for 30001-30002 of unit 1
        assertThat(RtuFrames.readRequest(1, RegisterFunction.INPUT, 0, 2)).isEqualTo(Frames.hex("01 04 00 00 00 02 71 CB"));
        byte[] holding = RtuFrames.readRequest(17, RegisterFunction.HOLDING, 0x0014, 2);
        assertThat(holding).startsWith(Frames.hex("11 03 00 14 00 02"));
        assertThat(RtuFrames.crcMatches(holding, holding.length)).isTrue();
    }

    @Test
    void completeReplyGivesTheRegistersTheMomentItsLastByteArrives() throws Exception {
        byte[] reply = Frames.reply(1, 4, 0x4366, 0x1999, 0xFFFF);
        ReadRegistersAssembler a = new ReadRegistersAssembler(1, RegisterFunction.INPUT, 3);
        for (int i = 0; i < reply.length - 1; i++) {
            assertThat(a.offer(reply, i, 1)).as("after %d bytes", i + 1).isNull();
        }
        assertThat(a.offer(reply, reply.length - 1, 1)).containsExactly(0x4366, 0x1999, 0xFFFF);
    }

    @Test
    void holdingRegisterReplyIsParsedToo() throws Exception {
        byte[] reply = Frames.reply(9, 3, 0x40E0, 0x0000);
        assertThat(new ReadRegistersAssembler(9, RegisterFunction.HOLDING, 2).offer(reply, 0, reply.length))
                .containsExactly(0x40E0, 0);
    }

    @Test
    void exceptionReplyIsRefusedWithTheCodeNamed() {
        byte[] reply = Frames.withCrc(Frames.hex("01 84 02"));
        ReadRegistersAssembler a = new ReadRegistersAssembler(1, RegisterFunction.INPUT, 2);
        assertThatThrownBy(() -> a.offer(reply, 0, reply.length))
                .isInstanceOfSatisfying(ExchangeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(FailureReason.REFUSED);
                    assertThat(e.getMessage()).contains("exception 02").contains("illegal data address");
                });
    }

    @Test
    void badCrcIsCorrupt() {
        byte[] reply = Frames.reply(1, 4, 0x1234, 0x5678);
        reply[reply.length - 1] ^= 0x40;
        ReadRegistersAssembler a = new ReadRegistersAssembler(1, RegisterFunction.INPUT, 2);
        assertThatThrownBy(() -> a.offer(reply, 0, reply.length))
                .isInstanceOfSatisfying(ExchangeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(FailureReason.CORRUPT);
                    assertThat(e.getMessage()).startsWith("CRC ");
                });
    }

    @Test
    void replyFromAnotherUnitIsSetAsideAndReportedAtSilence() throws Exception {
        byte[] other = Frames.reply(2, 4, 0x1234, 0x5678);
        ReadRegistersAssembler a = new ReadRegistersAssembler(1, RegisterFunction.INPUT, 2);
        assertThat(a.offer(other, 0, other.length)).isNull();
        assertThat(a.betweenFrames()).isTrue();
        assertThatThrownBy(a::silence).isInstanceOfSatisfying(ExchangeException.class, e -> {
            assertThat(e.reason()).isEqualTo(FailureReason.WRONG_ADDRESS);
            assertThat(e.getMessage()).isEqualTo("reply from unit 2, expected unit 1");
        });
    }

    @Test
    void aLateForeignReplyDoesNotHideTheRealOne() throws Exception {
        byte[] stream = Frames.concat(Frames.withCrc(Frames.hex("05 84 02")), Frames.reply(1, 4, 0x0102, 0x0304));
        ReadRegistersAssembler a = new ReadRegistersAssembler(1, RegisterFunction.INPUT, 2);
        assertThat(a.offer(stream, 0, stream.length)).containsExactly(0x0102, 0x0304);
    }

    @Test
    void replyWithAnotherRegisterCountAnswersAnotherRequest() throws Exception {
        byte[] reply = Frames.reply(1, 4, 1, 2, 3, 4);
        ReadRegistersAssembler a = new ReadRegistersAssembler(1, RegisterFunction.INPUT, 2);
        assertThat(a.offer(reply, 0, reply.length)).isNull();
        assertThatThrownBy(a::silence).isInstanceOfSatisfying(ExchangeException.class,
                e -> assertThat(e.reason()).isEqualTo(FailureReason.WRONG_ADDRESS));
    }

    @Test
    void unexpectedFunctionCodeIsCorrupt() {
        byte[] reply = Frames.reply(1, 3, 1, 2);
        ReadRegistersAssembler a = new ReadRegistersAssembler(1, RegisterFunction.INPUT, 2);
        assertThatThrownBy(() -> a.offer(reply, 0, reply.length)).isInstanceOfSatisfying(ExchangeException.class,
                e -> assertThat(e.reason()).isEqualTo(FailureReason.CORRUPT));
    }

    @Test
    void byteCountBeyondAnyValidReplyIsCorruptAtOnce() {
        for (int bc : new int[] {251, 252, 254, 255, 7}) {
            byte[] head = {1, 4, (byte) bc};
            ReadRegistersAssembler a = new ReadRegistersAssembler(1, RegisterFunction.INPUT, 125);
            assertThatThrownBy(() -> a.offer(head, 0, head.length)).as("byte count %d", bc)
                    .isInstanceOfSatisfying(ExchangeException.class,
                            e -> assertThat(e.reason()).isEqualTo(FailureReason.CORRUPT));
        }
    }

    @Test
    void silenceInTheMiddleOfAReplyLeavesTheVerdictToTheChannel() throws Exception {
        byte[] reply = Frames.reply(1, 4, 1, 2);
        ReadRegistersAssembler a = new ReadRegistersAssembler(1, RegisterFunction.INPUT, 2);
        assertThat(a.offer(reply, 0, 5)).isNull();
        assertThat(a.silence()).isNull();
        assertThat(new ReadRegistersAssembler(1, RegisterFunction.INPUT, 2).silence()).isNull();
    }

    @Property(tries = 1000)
    void randomBytesNeverThrowAnythingButExchangeException(@ForAll @Size(max = 600) byte[] bytes,
                                                           @ForAll @IntRange(min = 1, max = 64) int chunk,
                                                           @ForAll("units") int unit,
                                                           @ForAll @IntRange(min = 1, max = 125) int count,
                                                           @ForAll RegisterFunction function) {
        ReadRegistersAssembler a = new ReadRegistersAssembler(unit, function, count);
        try {
            for (int i = 0; i < bytes.length; i += chunk) {
                int[] regs = a.offer(bytes, i, Math.min(chunk, bytes.length - i));
                if (regs != null) {
                    assertThat(regs).hasSize(count);
                    assertThat(java.util.Arrays.stream(regs).boxed().toList()).allSatisfy(r -> assertThat(r).isBetween(0, 0xFFFF));
                    return;
                }
            }
            a.silence();
        } catch (ExchangeException e) {
            assertThat(e.reason()).isIn(FailureReason.CORRUPT, FailureReason.WRONG_ADDRESS, FailureReason.REFUSED);
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void aValidReplyAlwaysComesThroughHoweverItIsSplit(@ForAll @Size(min = 1, max = 125) int[] values,
                                                       @ForAll @IntRange(min = 1, max = 300) int chunk) throws Exception {
        int[] regs = java.util.Arrays.stream(values).map(v -> v & 0xFFFF).toArray();
        byte[] reply = Frames.reply(7, 4, regs);
        ReadRegistersAssembler a = new ReadRegistersAssembler(7, RegisterFunction.INPUT, regs.length);
        int[] got = null;
        for (int i = 0; i < reply.length && got == null; i += chunk) {
            got = a.offer(reply, i, Math.min(chunk, reply.length - i));
        }
        assertThat(got).containsExactly(regs);
    }

    @Provide
    Arbitrary<Integer> units() {
        return Arbitraries.integers().between(1, 247);
    }
}
