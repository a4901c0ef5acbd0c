package org.openami.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BrokerSettingsTest {

    private static final TlsFiles TLS = new TlsFiles(Path.of("k.p12"), "secret-ks".toCharArray(), Path.of("t.p12"),
            "secret-ts".toCharArray(), Path.of("k.pem"), Path.of("c.pem"), Path.of("ca.pem"));

    @Test
    void builderDefaultsAreLoopbackTlsOnlyAndALargeQueue() {
        BrokerSettings s = BrokerSettings.builder(Path.of("data"), TLS).build();
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.tlsPort()).isEqualTo(8883);
        assertThat(s.plainPort()).isEqualTo(-1);
        assertThat(s.hasPlainListener()).isFalse();
        assertThat(s.maxQueuedMessagesPerClient()).isEqualTo(1_000_000L);
        assertThat(s.tls()).isSameAs(TLS);
    }

    @Test
    void withersChangeOneField() {
        BrokerSettings s = BrokerSettings.builder(Path.of("data"), TLS).tlsPort(0).build();
        BrokerSettings t = s.withHost("::1").withPlainPort(0).withMaxQueuedMessagesPerClient(5).withDataDir(Path.of("x"));
        assertThat(t.host()).isEqualTo("::1");
        assertThat(t.plainPort()).isZero();
        assertThat(t.hasPlainListener()).isTrue();
        assertThat(t.maxQueuedMessagesPerClient()).isEqualTo(5);
        assertThat(t.dataDir()).isEqualTo(Path.of("x"));
        assertThat(t.tlsPort()).isZero();
        assertThat(s.withTlsPort(1883).tlsPort()).isEqualTo(1883);
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheField() {
        BrokerSettings.Builder b = BrokerSettings.builder(Path.of("data"), TLS);
        assertThatThrownBy(() -> b.tlsPort(-1).build()).hasMessageContaining("tlsPort");
        assertThatThrownBy(() -> b.tlsPort(65536).build()).hasMessageContaining("tlsPort");
        assertThatThrownBy(() -> b.tlsPort(8883).plainPort(-2).build()).hasMessageContaining("plainPort");
        assertThatThrownBy(() -> b.plainPort(8883).build()).hasMessageContaining("must differ");
        assertThatThrownBy(() -> b.plainPort(-1).maxQueuedMessagesPerClient(0).build())
                .hasMessageContaining("maxQueuedMessagesPerClient");
        assertThatThrownBy(() -> b.maxQueuedMessagesPerClient(1L << 31).build())
                .hasMessageContaining("maxQueuedMessagesPerClient");
        assertThatThrownBy(() -> b.maxQueuedMessagesPerClient(10).host("").build()).hasMessageContaining("host");
        assertThatThrownBy(() -> b.host("127.0.0.1\nlistener 1883").build()).hasMessageContaining("host");
        assertThatThrownBy(() -> BrokerSettings.builder(null, TLS).build()).hasMessageContaining("dataDir");
        assertThatThrownBy(() -> BrokerSettings.builder(Path.of("d"), null).build()).hasMessageContaining("tls");
    }

    @Test
    void bothPortsMayBePickedFree() {
        BrokerSettings s = BrokerSettings.builder(Path.of("data"), TLS).tlsPort(0).plainPort(0).build();
        assertThat(s.tlsPort()).isZero();
        assertThat(s.plainPort()).isZero();
    }

    @Test
    void tlsFilesNeverShowPasswords() {
        assertThat(TLS.toString()).doesNotContain("secret").contains("k.p12").contains("ca.pem");
        assertThat(BrokerSettings.builder(Path.of("d"), TLS).build().toString()).doesNotContain("secret");
    }
}
