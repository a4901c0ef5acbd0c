package org.openami.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ListenerPortsTest {

    private static final TlsFiles TLS = new TlsFiles(null, null, null, null, null, null, null);

    private static BrokerSettings settings(int tls, int plain) {
        return BrokerSettings.builder(Path.of("d"), TLS).tlsPort(tls).plainPort(plain).build();
    }

    @Test
    void pickedPortsAreDistinctFreeAndKeptOnceConfirmed() throws Exception {
        ListenerPorts ports = new ListenerPorts(settings(0, 0));
        ports.resolve();
        int tls = ports.tls();
        int plain = ports.plain();
        assertThat(tls).isPositive().isNotEqualTo(plain);
        assertThat(plain).isPositive();
        assertThat(ports.canRepick()).isTrue();
        ports.confirm();
        assertThat(ports.canRepick()).isFalse();
        ports.repick();
        ports.resolve();
        assertThat(ports.tls()).isEqualTo(tls);
        assertThat(ports.plain()).isEqualTo(plain);
    }

    @Test
    void repickForgetsOnlyPickedPorts() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int fixed = probe.getLocalPort();
            probe.close();
            ListenerPorts ports = new ListenerPorts(settings(fixed, 0));
            ports.resolve();
            ports.repick();
            assertThat(ports.tls()).isEqualTo(fixed);
            assertThat(ports.plain()).isZero();
        }
    }

    @Test
    void takenPortIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> ListenerPorts.requireFree("127.0.0.1", port))
                    .isInstanceOf(BrokerException.class).hasMessage("port " + port + " on 127.0.0.1 is already in use");
            ListenerPorts ports = new ListenerPorts(settings(8883 == port ? 8884 : 0, port));
            assertThatThrownBy(ports::resolve).hasMessage("port " + port + " on 127.0.0.1 is already in use");
        }
    }

    @Test
    void unknownHostIsNamed() {
        assertThatThrownBy(() -> ListenerPorts.requireFree("no-such-host.invalid", 1883))
                .isInstanceOf(BrokerException.class).hasMessageContaining("no-such-host.invalid");
    }

    @Test
    void ipv6LiteralsAreBracketed() {
        assertThat(ListenerPorts.authority("::1", 8883)).isEqualTo("[::1]:8883");
        assertThat(ListenerPorts.authority("127.0.0.1", 8883)).isEqualTo("127.0.0.1:8883");
        assertThat(ListenerPorts.authority("broker.example", 8883)).isEqualTo("broker.example:8883");
    }
}
