package org.openami.meter.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.openami.dlt645.ControlCode;
import org.openami.dlt645.ControlCode.Function;
import org.openami.dlt645.Dlt645Decoder;
import org.openami.dlt645.Dlt645Frame;
import org.openami.dlt645.MeterAddress;
import org.openami.meter.engine.EngineFixture;
import org.openami.meter.link.SlaveReply;
import org.openami.meter.register.EnergyKind;
import org.openami.meter.relay.RelayController;
import org.openami.meter.security.MeterKeyStore;
import org.openami.sim.board.SimChip;
import org.openami.sim.board.SimulatedBoard;

/**
 * Untrusted requests: random functions, addresses and data (and the codec's seed corpus)
 * never make the slave throw, never get an answer to a broadcast, never leave the registers
 * inconsistent, and every reply is a well-formed frame from the meter.
 */
class SlaveFuzzTest {

    private static final MeterAddress OWN = EngineFixture.ADDRESS;
    private static Path dir;
    private static EngineFixture f;
    private static SimulatedBoard board;
    private static Dlt645Slave slave;

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("slave-fuzz");
        f = new EngineFixture(dir, LocalDateTime.parse("2026-11-21T10:30:00").atZone(EngineFixture.ZONE).toInstant());
        f.run(5, 1000);
        board = SimulatedBoard.builder(SimChip.ADE7953).clock(f.clock).build();
        slave = new Dlt645Slave(f.engine, new RelayController(board.board().relay(), f.engine), MeterKeyStore.demoKey(OWN), 1, true);
    }

    @AfterContainer
    static void stop() throws Exception {
        board.close();
        f.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<Dlt645Frame> requests() {
        Arbitrary<MeterAddress> addr = Arbitraries.of(OWN, MeterAddress.ANY, MeterAddress.BROADCAST,
                MeterAddress.parse("AAAAAAAAAA01"), MeterAddress.parse("000000000002"));
        Arbitrary<Function> fn = Arbitraries.of(Function.values());
        Arbitrary<byte[]> data = Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(Dlt645Frame.MAX_REQUEST_DATA);
        return Combinators.combine(addr, fn, data).as((a, f, d) -> Dlt645Frame.of(a, ControlCode.request(f), d));
    }

    @Property(tries = 3000)
    void anyRequestIsHandledSafely(@ForAll("requests") Dlt645Frame request) {
        check(request);
    }

    @Property(tries = 1)
    void seedCorpusOfTheCodec() throws Exception {
        Path corpus = Path.of("../dlt645/src/test/resources/dlt645-corpus");
        try (var files = Files.list(corpus)) {
            for (Path p : files.toList()) {
                String hex = String.join(" ", Files.readAllLines(p, StandardCharsets.US_ASCII).stream()
                        .filter(l -> !l.startsWith("#")).toList()).replaceAll("\\s+", "");
                List<Dlt645Frame> frames = new Dlt645Decoder().feed(HexFormat.of().parseHex(hex));
                frames.stream().filter(fr -> fr.control().isRequest()).forEach(this::check);
            }
        }
    }

    private void check(Dlt645Frame request) {
        Optional<SlaveReply> reply = slave.handle(request);
        if (request.address().isBroadcast()) {
            assertThat(reply).isEmpty();
        }
        reply.ifPresent(r -> {
            assertThat(r.frame().control().isFromMeter()).isTrue();
            assertThat(r.frame().address()).isEqualTo(OWN);
            assertThat(r.frame().function()).isEqualTo(request.function());
            byte[] wire = r.frame().encode();
            assertThat(new Dlt645Decoder().feed(wire)).hasSize(1);
        });
        var regs = f.engine.registers();
        assertThat(regs.isConsistent()).isTrue();
        assertThat(regs.total(EnergyKind.FORWARD_ACTIVE)).isGreaterThanOrEqualTo(0);
    }
}
