package org.openami.sim.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class VirtualSerialLineTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    /** Collects fixed-length requests, however the line splits them, and answers each. */
    static final class FixedLengthDevice implements SerialDevice {
        private final int requestLength;
        private final UnaryOperator<byte[]> answer;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        FixedLengthDevice(int requestLength, UnaryOperator<byte[]> answer) {
            this.requestLength = requestLength;
            this.answer = answer;
        }

        @Override
        public void onBytes(byte[] data, int len, ReplySink sink) {
            pending.write(data, 0, len);
            while (pending.size() >= requestLength) {
                byte[] all = pending.toByteArray();
                pending.reset();
                pending.write(all, requestLength, all.length - requestLength);
                sink.send(answer.apply(Arrays.copyOf(all, requestLength)), Duration.ZERO);
            }
        }
    }

    /** Answers each 1-byte request with 4 bytes: 'R', request, reply counter, 'E'. */
    static FixedLengthDevice countingDevice() {
        AtomicInteger replies = new AtomicInteger();
        return new FixedLengthDevice(1, req -> new byte[] {'R', req[0], (byte) replies.incrementAndGet(), 'E'});
    }

    @Test
    void an_echo_device_answers_a_request_through_jserialcomm() throws IOException {
        byte[] request = {0x01, 0x03, 0x00, 0x0A, 0x0D, 0x11, 0x13, 0x7F, (byte) 0xFF, 0x00};
        try (VirtualSerialLine line = VirtualSerialLine.open(new FixedLengthDevice(request.length, req -> req), 9600, 11);
             JSerialCommClient client = JSerialCommClient.open(line.path())) {
            client.write(request);
            assertThat(client.read(request.length, PATIENCE)).containsExactly(request);
        }
    }

    @Test
    void the_line_serves_the_slave_path_of_its_own_pseudo_terminal() throws IOException {
        try (VirtualSerialLine line = VirtualSerialLine.open(countingDevice(), 0, 10)) {
            assertThat(line.path()).matches("/dev/pts/\\d+");
            assertThat(line.baud()).isZero();
            assertThat(line.bitsPerByte()).isEqualTo(10);
            assertThat(readerThread(line)).isNotNull();
            assertThat(readerThread(line).isDaemon()).isTrue();
        }
    }

    @Test
    void a_100_byte_reply_at_9600_baud_8e1_takes_at_least_its_wire_time() throws IOException {
        byte[] reply = new byte[100];
        Arrays.fill(reply, (byte) 0x55);
        try (VirtualSerialLine line = VirtualSerialLine.open(new FixedLengthDevice(1, req -> reply), 9600, LineTiming.BITS_8E1);
             JSerialCommClient client = JSerialCommClient.open(line.path())) {
            long start = System.nanoTime();
            client.write(new byte[] {1});
            byte[] got = client.read(reply.length, PATIENCE);
            long elapsed = System.nanoTime() - start;
            assertThat(got).containsExactly(reply);
            // 100 x 11 bits / 9600 baud = 114.6 ms on the wire; only a lower bound is checked
            assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        }
    }

    @Test
    void corrupted_reply_bytes_arrive_with_every_bit_flipped_and_later_bytes_arrive_clean() throws IOException {
        try (VirtualSerialLine line = VirtualSerialLine.open(countingDevice(), 0, 11);
             JSerialCommClient client = JSerialCommClient.open(line.path())) {
            line.corruptNextReplyBytes(6);
            client.write(new byte[] {7});
            assertThat(client.read(4, PATIENCE)).containsExactly(~'R', ~7, ~1, ~'E');
            client.write(new byte[] {8});
            assertThat(client.read(4, PATIENCE)).containsExactly(~'R', ~8, 2, 'E');
            client.write(new byte[] {9});
            assertThat(client.read(4, PATIENCE)).containsExactly('R', 9, 3, 'E');
        }
    }

    @Test
    void dropped_replies_never_arrive_and_the_next_reply_does() throws IOException {
        try (VirtualSerialLine line = VirtualSerialLine.open(countingDevice(), 0, 11);
             JSerialCommClient client = JSerialCommClient.open(line.path())) {
            line.dropNextReplies(2);
            client.write(new byte[] {1});
            assertThat(client.read(4, Duration.ofMillis(300))).isEmpty();
            client.write(new byte[] {2});
            assertThat(client.read(4, Duration.ofMillis(300))).isEmpty();
            client.write(new byte[] {3});
            // the device did answer the first two (counter 1 and 2); only its third reply gets through
            assertThat(client.read(8, Duration.ofMillis(700))).containsExactly('R', 3, 3, 'E');
        }
    }

    @Test
    void injected_noise_reaches_the_client_unchanged_even_while_corruption_is_pending() throws IOException {
        byte[] garbage = {0x00, (byte) 0xFF, 0x0D, 0x0A, 0x11, 0x13};
        try (VirtualSerialLine line = VirtualSerialLine.open(countingDevice(), 9600, 11);
             JSerialCommClient client = JSerialCommClient.open(line.path())) {
            line.corruptNextReplyBytes(100);
            line.injectNoise(garbage);
            assertThat(client.read(garbage.length, PATIENCE)).containsExactly(garbage);
        }
    }

    @Test
    void a_device_that_throws_does_not_stop_the_line() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        SerialDevice flaky = (data, len, sink) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("simulated device bug");
            }
            sink.send(new byte[] {'o', 'k'}, Duration.ofMillis(5));
        };
        try (VirtualSerialLine line = VirtualSerialLine.open(flaky, 0, 11);
             JSerialCommClient client = JSerialCommClient.open(line.path())) {
            client.write(new byte[] {1});
            assertThat(client.read(2, Duration.ofMillis(300))).isEmpty();
            client.write(new byte[] {2});
            assertThat(client.read(2, PATIENCE)).containsExactly('o', 'k');
        }
    }

    @Test
    void closing_the_line_ends_its_reader_thread_promptly() throws Exception {
        VirtualSerialLine line = VirtualSerialLine.open(countingDevice(), 9600, 11);
        Thread reader = readerThread(line);
        assertThat(reader).isNotNull();
        Thread.sleep(50); // reader now blocked waiting for the client
        line.close();
        reader.join(5_000);
        assertThat(reader.isAlive()).isFalse();
        line.close(); // idempotent
    }

    @Test
    void closing_the_line_cuts_a_slow_reply_short() throws Exception {
        byte[] reply = new byte[1000]; // 1000 bytes at 300 baud would take 33 s
        VirtualSerialLine line = VirtualSerialLine.open(new FixedLengthDevice(1, req -> reply), 300, 11);
        try (JSerialCommClient client = JSerialCommClient.open(line.path())) {
            client.write(new byte[] {1});
            assertThat(client.read(1, PATIENCE)).hasSize(1); // the reply is under way
            Thread reader = readerThread(line);
            line.close();
            reader.join(5_000);
            assertThat(reader.isAlive()).isFalse();
        }
    }

    static Thread readerThread(VirtualSerialLine line) {
        String name = "vserial-" + line.path().substring("/dev/".length());
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name))
                .findFirst()
                .orElse(null);
    }
}
