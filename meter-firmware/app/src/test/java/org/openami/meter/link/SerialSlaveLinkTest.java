package org.openami.meter.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openami.meter.link.Wire.concat;
import static org.openami.meter.link.Wire.hex;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openami.dlt645.DataIdentifier;
import org.openami.dlt645.Dlt645Frame;
import org.openami.dlt645.MeterAddress;
import org.openami.dlt645.ControlCode.Function;

/**
 * {@link SerialSlaveLink} on a real pty slave opened by jSerialComm at 2400 8E1; the test
 * plays the concentrator on the pty master.
 */
class SerialSlaveLinkTest {

    private static final Duration PATIENCE = Duration.ofSeconds(2);
    private static final MeterAddress METER_1 = MeterAddress.of(1);

    private PtyMaster master;
    private SerialSlaveLink link;

    @BeforeEach
    void openPty() throws IOException {
        master = new PtyMaster();
    }

    @AfterEach
    void closeAll() {
        if (link != null) {
            link.close();
        }
        master.close();
    }

    private TestMeter start(MeterAddress own, LinkOptions options) throws LinkException {
        TestMeter meter = new TestMeter(own);
        link = SerialSlaveLink.open(master.slavePath(), LinkSettings.dlt645Default(), options, meter);
        return meter;
    }

    /** Sends a request and returns the reply decoded, preamble stripped. */
    private Dlt645Frame ask(Dlt645Frame request) throws Exception {
        master.write(request.encode(4));
        return readFrame();
    }

    private Dlt645Frame readFrame() throws Exception {
        PtyMaster.Received head = master.read(4 + Dlt645Frame.OVERHEAD - 2, PATIENCE); // preamble .. L
        assertThat(head.bytes()).as("reply header").hasSize(14);
        int length = head.bytes()[13] & 0xFF;
        PtyMaster.Received rest = master.read(length + 2, PATIENCE);
        return Dlt645Frame.decode(concat(head.bytes(), rest.bytes()));
    }

    @Test
    void answersTheKnownAnswerReadAddressAfterTheTurnaround() throws Exception {
        start(METER_1, LinkOptions.defaults());
        byte[] request = hex("FE FE FE 68 AA AA AA AA AA AA 68 13 00 DF 16");
        byte[] expected = hex("FE FE FE FE 68 01 00 00 00 00 00 68 93 06 34 33 33 33 33 33 9D 16");

        long requestSent = master.write(request);
        PtyMaster.Received reply = master.read(expected.length, PATIENCE);

        assertThat(hex(reply.bytes())).isEqualTo(hex(expected));
        Duration delay = Duration.ofNanos(reply.firstByteNanos() - requestSent);
        assertThat(delay).as("request -> first reply byte, seen by the master").isGreaterThanOrEqualTo(Duration.ofMillis(20))
                .isLessThan(LinkSettings.MAX_TURNAROUND);
        assertThat(answered(1).bytesDiscarded()).as("the 3 FE of the request").isEqualTo(3);
        for (int i = 0; i < 4; i++) { // warm: no class loading in the handler any more
            assertThat(ask(Dlt645Frame.readAddress())).isEqualTo(Dlt645Frame.addressReply(METER_1));
        }
        LinkStatistics stats = answered(5);
        assertThat(stats.minReplyLatency()).as("as soon as possible after 20 ms")
                .isGreaterThanOrEqualTo(Duration.ofMillis(20)).isLessThan(Duration.ofMillis(50));
        assertThat(stats.maxReplyLatency()).isLessThan(LinkSettings.MAX_TURNAROUND);
    }

    @Test
    void answersTheKnownAnswerEnergyRead() throws Exception {
        MeterAddress own = MeterAddress.parse("218231000114");
        start(own, LinkOptions.defaults());

        master.write(TestMeter.readEnergy(own).encode(4));
        PtyMaster.Received reply = master.read(24, PATIENCE);

        assertThat(hex(reply.bytes()))
                .isEqualTo("FE FE FE FE 68 14 01 00 31 82 21 68 91 08 33 33 34 33 39 33 33 33 F1 16");
    }

    @Test
    void noiseBadChecksumAndTruncatedFrameDoNotDelayTheNextValidRequest() throws Exception {
        TestMeter meter = start(METER_1, LinkOptions.defaults());
        byte[] noise = {0x00, (byte) 0xFF, 0x68, 0x12, 0x16, (byte) 0xE5, 0x68};
        byte[] badChecksum = TestMeter.readEnergy(METER_1).encode(2);
        badChecksum[badChecksum.length - 2] ^= 0x01;
        byte[] truncated = Arrays.copyOf(TestMeter.readEnergy(METER_1).encode(0), 12); // 68 A 68 C L + 2 of 4 data bytes
        byte[] valid = TestMeter.readEnergy(METER_1).encode(3);

        long start = master.write(concat(noise, badChecksum, truncated, valid));
        Dlt645Frame reply = readFrame();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(reply).isEqualTo(TestMeter.energyReply(METER_1));
        assertThat(elapsed).as("answered without waiting for the 500 ms inter-byte timeout")
                .isLessThan(Duration.ofMillis(300));
        assertThat(meter.seen).as("only the valid request reached the handler").hasSize(1);
        LinkStatistics stats = answered(1);
        assertThat(stats.framesDropped()).as("bad checksum and truncated frame").isGreaterThanOrEqualTo(2);
        assertThat(stats.bytesDiscarded()).isGreaterThanOrEqualTo(noise.length + badChecksum.length + truncated.length);
    }

    @Test
    void aSilenceLongerThanTheInterByteTimeoutDropsAPartialFrame() throws Exception {
        start(METER_1, LinkOptions.defaults());
        byte[] whole = TestMeter.readEnergy(METER_1).encode(0);

        long start = master.write(Arrays.copyOf(whole, 10));
        awaitTrue(() -> link.statistics().framesDropped() == 1, Duration.ofSeconds(2));
        Duration droppedAfter = Duration.ofNanos(System.nanoTime() - start);
        master.write(Arrays.copyOfRange(whole, 10, whole.length)); // the rest, too late to complete it

        assertThat(droppedAfter).isGreaterThan(Duration.ofMillis(500)).isLessThan(Duration.ofMillis(1000));
        assertThat(ask(TestMeter.readEnergy(METER_1))).as("the next request").isEqualTo(TestMeter.energyReply(METER_1));
        assertThat(answered(1).framesReceived()).as("the late tail was not decoded").isEqualTo(1);
    }

    @Test
    void neverAnswersABroadcastEvenIfTheHandlerDoes() throws Exception {
        TestMeter meter = start(METER_1, LinkOptions.defaults());
        byte[] timeSync = hex("68 99 99 99 99 99 99 68 08 06 78 63 45 34 38 57 57 16");
        byte[] broadcastReadAddress = TestMeter.readAddress(MeterAddress.BROADCAST).encode(4);

        master.write(concat(timeSync, broadcastReadAddress));
        PtyMaster.Received silence = master.read(1, Duration.ofMillis(300));

        assertThat(silence.bytes()).as("bytes after a broadcast").isEmpty();
        assertThat(meter.seen).extracting(Dlt645Frame::function)
                .containsExactly(Function.BROADCAST_TIME_SYNC, Function.READ_ADDRESS);
        assertThat(link.statistics().repliesWithheld()).as("the handler's reply to the broadcast read").isEqualTo(1);
        assertThat(ask(TestMeter.readEnergy(METER_1))).isEqualTo(TestMeter.energyReply(METER_1));
    }

    @Test
    void doesNotAnswerAnotherMetersAddress() throws Exception {
        TestMeter meter = start(METER_1, LinkOptions.defaults());

        master.write(TestMeter.readEnergy(MeterAddress.of(2)).encode(4));
        awaitTrue(() -> meter.seen.size() == 1, PATIENCE);
        // the first reply bytes that come back must belong to the next request
        Dlt645Frame reply = ask(TestMeter.readAddress(METER_1));

        assertThat(reply).isEqualTo(Dlt645Frame.addressReply(METER_1));
        assertThat(answered(1).framesReceived()).isEqualTo(2);
    }

    @Test
    void framesSentByMetersNeverReachTheHandler() throws Exception {
        TestMeter meter = start(METER_1, LinkOptions.defaults());

        master.write(TestMeter.energyReply(MeterAddress.of(2)).encode(4)); // another meter's reply on the bus
        Dlt645Frame reply = ask(TestMeter.readEnergy(METER_1));

        assertThat(reply).isEqualTo(TestMeter.energyReply(METER_1));
        assertThat(meter.seen).containsExactly(TestMeter.readEnergy(METER_1));
        assertThat(answered(1).framesReceived()).isEqualTo(2);
    }

    @Test
    void changesTheBaudRateAfterTheReplyHasLeft() throws Exception {
        start(METER_1, LinkOptions.defaults());
        byte[] expected = Dlt645Frame.normalReply(METER_1, Function.CHANGE_BAUD_RATE, new byte[] {0x20}).encode(4);

        master.write(TestMeter.changeBaud(METER_1, 9600).encode(4));
        PtyMaster.Received reply = master.read(expected.length, PATIENCE);
        awaitTrue(() -> link.settings().baud() == 9600, PATIENCE);
        Duration switchedAfter = Duration.ofNanos(System.nanoTime() - reply.firstByteNanos());

        assertThat(hex(reply.bytes())).as("the reply, at 2400").isEqualTo(hex(expected));
        // a pty takes the reply at once; the link must still wait for the wire (17 bytes, ~78 ms)
        assertThat(switchedAfter).as("first reply byte -> new rate")
                .isGreaterThanOrEqualTo(Duration.ofNanos(LinkSettings.dlt645Default().wireNanos(expected.length)));
        assertThat(link.statistics().baudChanges()).isEqualTo(1);
        assertThat(link.statistics().portReopens()).as("the setter worked on the open port").isZero();
        assertThat(ask(TestMeter.readEnergy(METER_1))).as("a read at 9600").isEqualTo(TestMeter.energyReply(METER_1));

        // the same rate again: on a pty with parity jSerialComm's setter returns false (error 22),
        // so the link goes through close, back-off, reopen
        assertThat(ask(TestMeter.changeBaud(METER_1, 9600)).function()).isEqualTo(Function.CHANGE_BAUD_RATE);
        awaitTrue(() -> link.statistics().baudChanges() == 2, PATIENCE);
        assertThat(link.statistics().portReopens()).isEqualTo(1);
        assertThat(link.settings().baud()).isEqualTo(9600);
        assertThat(ask(TestMeter.readEnergy(METER_1))).as("a read after the reopen")
                .isEqualTo(TestMeter.energyReply(METER_1));
    }

    @Test
    void aThrowingHandlerIsCountedAndTheNextRequestAnswered() throws Exception {
        TestMeter meter = start(METER_1, LinkOptions.defaults());

        master.write(Dlt645Frame.readData(METER_1, DataIdentifier.REVERSE_ACTIVE_TOTAL).encode(4));
        awaitTrue(() -> link.statistics().handlerErrors() == 1, PATIENCE);

        assertThat(ask(TestMeter.readEnergy(METER_1))).isEqualTo(TestMeter.energyReply(METER_1));
        assertThat(meter.seen).hasSize(2);
        assertThat(answered(1).handlerErrors()).isEqualTo(1);
    }

    @Test
    void ignoresItsOwnEchoButNotARequestThatLooksLikeIt() throws Exception {
        start(METER_1, LinkOptions.defaults().withIgnoreEcho(true));
        byte[] request = TestMeter.readEnergy(METER_1).encode(4);
        byte[] expected = TestMeter.energyReply(METER_1).encode(4);

        master.write(request);
        byte[] first = master.read(expected.length, PATIENCE).bytes();
        master.write(first); // the adapter's echo of our reply
        // starts with the same 12 bytes as the echo (FE x4, 68, address, 68)
        assertThat(ask(TestMeter.readEnergy(METER_1))).isEqualTo(TestMeter.energyReply(METER_1));
        LinkStatistics afterEcho = link.statistics();
        // no echo this time: the next request's first 12 bytes match the expected echo, then differ
        assertThat(ask(TestMeter.readEnergy(METER_1))).isEqualTo(TestMeter.energyReply(METER_1));

        assertThat(first).isEqualTo(expected);
        assertThat(afterEcho.echoBytesIgnored()).isEqualTo(expected.length);
        assertThat(afterEcho.framesReceived()).as("the echo is not decoded as a frame").isEqualTo(2);
        LinkStatistics end = answered(3);
        assertThat(end.echoBytesIgnored()).isEqualTo(expected.length);
    }

    @Test
    void closeStopsTheReaderQuicklyAndReleasesThePort() throws Exception {
        start(METER_1, LinkOptions.defaults());
        String threadName = "dlt645-slave-" + master.slavePath().replaceFirst("^/dev/", "");
        assertThat(readerThread(threadName)).as("reader thread").isNotNull();
        Thread reader = readerThread(threadName);

        long start = System.nanoTime();
        link.close();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        link.close(); // idempotent

        assertThat(took).isLessThan(Duration.ofMillis(500));
        assertThat(reader.isAlive()).isFalse();
        Thread.sleep(20); // the pty's reset after a client closes is asynchronous (serial README)
        link = SerialSlaveLink.open(master.slavePath(), LinkSettings.dlt645Default(), new TestMeter(METER_1));
        assertThat(ask(TestMeter.readEnergy(METER_1))).as("a new link on the same port")
                .isEqualTo(TestMeter.energyReply(METER_1));
    }

    @Test
    void aPortThatCannotBeOpenedIsNamedWithTheErrorCode() {
        assertThatThrownBy(() -> SerialSlaveLink.open("/dev/null", LinkSettings.dlt645Default(), new TestMeter(1)))
                .isInstanceOf(LinkException.class)
                .hasMessageContaining("/dev/null")
                .hasMessageContaining("error code 25")
                .satisfies(e -> assertThat(((LinkException) e).errorCode()).isEqualTo(25));
        assertThatThrownBy(() -> SerialSlaveLink.open("/dev/no-such-tty", LinkSettings.dlt645Default(),
                new TestMeter(1))).isInstanceOf(LinkException.class).hasMessageContaining("/dev/no-such-tty");
    }

    /**
     * The link's statistics once it has counted {@code n} answers: the counter moves right
     * after the write, so the master may read the reply a moment before.
     */
    private LinkStatistics answered(long n) throws InterruptedException {
        awaitTrue(() -> link.statistics().framesAnswered() >= n, PATIENCE);
        LinkStatistics stats = link.statistics();
        assertThat(stats.framesAnswered()).isEqualTo(n);
        return stats;
    }

    private static Thread readerThread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElse(null);
    }

    static void awaitTrue(BooleanSupplier condition, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition within " + patience).isNegative();
            Thread.sleep(2);
        }
    }
}
