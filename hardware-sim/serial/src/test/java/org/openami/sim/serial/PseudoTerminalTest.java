package org.openami.sim.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PseudoTerminalTest {

    /** Every byte value, with the ones a cooked tty would eat or translate up front. */
    static byte[] allByteValues() {
        byte[] special = {0x00, 0x0A, 0x0D, 0x11, 0x13, 0x7F, (byte) 0xFF, 0x03, 0x04, 0x1A, 0x1C};
        byte[] all = new byte[special.length + 256];
        System.arraycopy(special, 0, all, 0, special.length);
        for (int i = 0; i < 256; i++) {
            all[special.length + i] = (byte) i;
        }
        return all;
    }

    @Test
    void the_slave_is_a_character_device_under_dev_pts() throws IOException {
        try (PseudoTerminal pty = PseudoTerminal.open()) {
            assertThat(pty.slavePath()).matches("/dev/pts/\\d+");
            assertThat(Path.of(pty.slavePath())).exists();
            assertThat(Files.isRegularFile(Path.of(pty.slavePath()))).isFalse();
        }
    }

    @Test
    void two_pseudo_terminals_get_different_slaves() throws IOException {
        try (PseudoTerminal a = PseudoTerminal.open(); PseudoTerminal b = PseudoTerminal.open()) {
            assertThat(a.slavePath()).isNotEqualTo(b.slavePath());
        }
    }

    @Test
    void jserialcomm_reads_what_the_master_writes() throws IOException {
        byte[] sent = allByteValues();
        try (PseudoTerminal pty = PseudoTerminal.open(); JSerialCommClient client = JSerialCommClient.open(pty.slavePath())) {
            pty.masterOutput().write(sent);
            assertThat(client.read(sent.length, Duration.ofSeconds(5))).containsExactly(sent);
        }
    }

    @Test
    void the_master_reads_what_jserialcomm_writes() throws IOException {
        byte[] sent = allByteValues();
        try (PseudoTerminal pty = PseudoTerminal.open(); JSerialCommClient client = JSerialCommClient.open(pty.slavePath())) {
            client.write(sent);
            assertThat(readFromMaster(pty, sent.length, Duration.ofSeconds(5))).containsExactly(sent);
        }
    }

    @Test
    void the_slave_is_raw_before_any_client_configures_it() throws IOException {
        byte[] sent = allByteValues();
        try (PseudoTerminal pty = PseudoTerminal.open();
             var plainOut = Files.newOutputStream(Path.of(pty.slavePath()))) {
            plainOut.write(sent);
            plainOut.flush();
            assertThat(readFromMaster(pty, sent.length, Duration.ofSeconds(5))).containsExactly(sent);
            // and nothing the master writes is echoed back to it
            pty.masterOutput().write(new byte[] {'a', '\r', '\n'});
            assertThat(pty.read(new byte[16], 0, 16, Duration.ofMillis(200))).isZero();
        }
    }

    @Test
    void a_client_may_close_and_reopen_at_8e1_without_breaking_the_master() throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.open()) {
            try (JSerialCommClient first = JSerialCommClient.open(pty.slavePath())) {
                first.write(new byte[] {1, 2, 3});
                assertThat(readFromMaster(pty, 3, Duration.ofSeconds(5))).containsExactly(1, 2, 3);
            }
            // A reconnecting driver backs off before reopening. Without the pty's reset after
            // a client closes, glibc fails the second 8E1 configuration with EINVAL
            // (see PseudoTerminal); an instant reopen could still beat that reset.
            Thread.sleep(100);
            // no client now: the master must simply see no data, not EIO
            assertThat(pty.read(new byte[8], 0, 8, Duration.ofMillis(50))).isZero();
            try (JSerialCommClient second = JSerialCommClient.open(pty.slavePath())) {
                second.write(new byte[] {4, 5});
                assertThat(readFromMaster(pty, 2, Duration.ofSeconds(5))).containsExactly(4, 5);
                pty.masterOutput().write(new byte[] {6, 7});
                assertThat(second.read(2, Duration.ofSeconds(5))).containsExactly(6, 7);
            }
        }
    }

    @Test
    void a_timed_read_returns_zero_when_nothing_arrives() throws IOException {
        try (PseudoTerminal pty = PseudoTerminal.open()) {
            long start = System.nanoTime();
            assertThat(pty.read(new byte[4], 0, 4, Duration.ofMillis(150))).isZero();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(140).toNanos());
        }
    }

    @Test
    void a_timed_read_fills_the_buffer_at_the_given_offset() throws IOException {
        try (PseudoTerminal pty = PseudoTerminal.open(); JSerialCommClient client = JSerialCommClient.open(pty.slavePath())) {
            client.write(new byte[] {42});
            byte[] buf = {-1, -1, -1};
            assertThat(pty.read(buf, 1, 2, Duration.ofSeconds(5))).isEqualTo(1);
            assertThat(buf).containsExactly(-1, 42, -1);
        }
    }

    @Test
    void close_while_a_read_is_pending_makes_the_read_return_end_of_stream_promptly() throws Exception {
        PseudoTerminal pty = PseudoTerminal.open();
        CountDownLatch reading = new CountDownLatch(1);
        CompletableFuture<Integer> pending = CompletableFuture.supplyAsync(() -> {
            reading.countDown();
            try {
                return pty.masterInput().read(new byte[16]);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(100); // let the read block in poll()
        assertThat(pending).isNotDone();
        // close on another thread too: with a read that ignores the close, close() would wait forever
        CompletableFuture<Void> closing = CompletableFuture.runAsync(pty::close);
        // generous: the contract is one poll slice (20 ms); a stuck read would never return
        assertThat(pending.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
        closing.get(5, TimeUnit.SECONDS);
    }

    @Test
    void close_is_idempotent_and_later_calls_report_closed() throws IOException {
        PseudoTerminal pty = PseudoTerminal.open();
        String path = pty.slavePath();
        pty.close();
        pty.close();
        assertThat(pty.masterInput().read()).isEqualTo(-1);
        assertThat(pty.read(new byte[1], 0, 1, Duration.ZERO)).isEqualTo(-1);
        assertThatThrownBy(() -> pty.masterOutput().write(1)).isInstanceOf(IOException.class).hasMessageContaining(path);
    }

    @Test
    void closing_the_pty_hangs_up_a_client_that_still_holds_the_slave() throws IOException {
        PseudoTerminal pty = PseudoTerminal.open();
        try (var plainIn = Files.newInputStream(Path.of(pty.slavePath()))) {
            pty.close();
            // the kernel reports the hangup as EIO or end-of-file; either way no hang
            try {
                assertThat(plainIn.read()).isEqualTo(-1);
            } catch (IOException e) {
                assertThat(e).hasMessageContaining("Input/output error");
            }
        }
    }

    static byte[] readFromMaster(PseudoTerminal pty, int n, Duration patience) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + patience.toNanos();
        byte[] buf = new byte[n];
        while (got.size() < n && System.nanoTime() < deadline) {
            int r = pty.read(buf, 0, n - got.size(), Duration.ofMillis(100));
            if (r < 0) {
                break;
            }
            got.write(buf, 0, r);
        }
        return got.toByteArray();
    }
}
