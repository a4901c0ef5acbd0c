package org.openami.sim.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import com.ghgande.j2mod.modbus.util.ModbusUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RtuRequestFramerTest {

    /** The request for registers 30001-30002 of unit 1 from the project's protocol notes. */
    private static final byte[] READ_V1 = hex("01 04 00 00 00 02 71 CB");

    private final AtomicLong now = new AtomicLong();
    private final RtuRequestFramer framer = new RtuRequestFramer(10_000_000L, now::get);
    private final List<byte[]> frames = new ArrayList<>();

    @Test
    void knownAnswerRequestIsOneFrame() {
        feed(READ_V1);
        assertThat(frames).singleElement().isEqualTo(READ_V1);
        assertThat(framer.pending()).isZero();
    }

    @Test
    void frameSplitAnywhereIsReassembled() {
        for (int cut = 1; cut < READ_V1.length; cut++) {
            frames.clear();
            feed(Arrays.copyOfRange(READ_V1, 0, cut));
            assertThat(frames).as("after %d bytes", cut).isEmpty();
            feed(Arrays.copyOfRange(READ_V1, cut, READ_V1.length));
            assertThat(frames).as("cut at %d", cut).singleElement().isEqualTo(READ_V1);
        }
    }

    @Test
    void badCrcIsDroppedAndTheNextFrameStillFound() {
        byte[] bad = READ_V1.clone();
        bad[7] ^= 1;
        feed(concat(bad, request(2, 4, 0x48, 4)));
        assertThat(frames).singleElement().isEqualTo(request(2, 4, 0x48, 4));
        assertThat(framer.crcErrors()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void noiseThatLooksLikeTheStartOfALongWriteDoesNotHideAFollowingRequest() {
        // 01 10 .. byte count 200: a write of 209 bytes would follow; then a real read
        byte[] noise = hex("01 10 00 00 00 64 C8 55 AA");
        feed(concat(noise, READ_V1));
        assertThat(frames).singleElement().isEqualTo(READ_V1);
        assertThat(framer.discardedBytes()).isEqualTo(noise.length);
    }

    @Test
    void silenceDropsAPartialFrame() {
        feed(Arrays.copyOf(READ_V1, 5));
        now.addAndGet(50_000_000L);
        feed(READ_V1);
        assertThat(frames).singleElement().isEqualTo(READ_V1);
        assertThat(framer.discardedBytes()).isEqualTo(5);
    }

    @Test
    void unknownFunctionCodeIsDelimitedByItsCrc() {
        byte[] odd = withCrc(hex("05 41 12 34 56"));
        feed(concat(odd, READ_V1));
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0)).isEqualTo(odd);
        assertThat(frames.get(1)).isEqualTo(READ_V1);
    }

    @Property(tries = 300)
    void anyBytesNeverThrowAndMemoryStaysBounded(@ForAll @Size(max = 2000) byte[] garbage) {
        RtuRequestFramer f = new RtuRequestFramer(10_000_000L, () -> 0L);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < garbage.length; i += 37) {
            byte[] chunk = Arrays.copyOfRange(garbage, i, Math.min(garbage.length, i + 37));
            f.accept(chunk, chunk.length, out::add);
            assertThat(f.pending()).isLessThanOrEqualTo(RtuRequestFramer.CAPACITY);
        }
        for (byte[] frame : out) {
            assertThat(frame.length).isBetween(RtuRequestFramer.MIN_FRAME, RtuRequestFramer.MAX_FRAME);
            int[] crc = ModbusUtil.calculateCRC(frame, 0, frame.length - 2);
            assertThat(frame[frame.length - 2] & 0xFF).isEqualTo(crc[0]);
            assertThat(frame[frame.length - 1] & 0xFF).isEqualTo(crc[1]);
        }
    }

    @Property(tries = 300)
    void aValidRequestAfterSilenceIsAlwaysFound(@ForAll @Size(max = 600) byte[] garbage) {
        AtomicLong t = new AtomicLong();
        RtuRequestFramer f = new RtuRequestFramer(10_000_000L, t::get);
        List<byte[]> out = new ArrayList<>();
        f.accept(garbage, garbage.length, out::add);
        t.addAndGet(20_000_000L);
        out.clear();
        f.accept(READ_V1, READ_V1.length, out::add);
        assertThat(out).singleElement().isEqualTo(READ_V1);
    }

    private void feed(byte[] bytes) {
        framer.accept(bytes, bytes.length, frames::add);
    }

    static byte[] request(int unit, int fc, int ref, int count) {
        return withCrc(new byte[] {(byte) unit, (byte) fc, (byte) (ref >> 8), (byte) ref, (byte) (count >> 8),
            (byte) count});
    }

    static byte[] withCrc(byte[] body) {
        byte[] out = Arrays.copyOf(body, body.length + 2);
        int[] crc = ModbusUtil.calculateCRC(body, 0, body.length);
        out[body.length] = (byte) crc[0];
        out[body.length + 1] = (byte) crc[1];
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] hex(String s) {
        String[] parts = s.trim().split("\\s+");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }
}
