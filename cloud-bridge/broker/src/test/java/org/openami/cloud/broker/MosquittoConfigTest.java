package org.openami.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class MosquittoConfigTest {

    private static BrokerSettings settings(Path dataDir, Path caPem, int plainPort) {
        TlsFiles tls = new TlsFiles(null, null, null, null, Path.of("/pki/server.key"), Path.of("/pki/server.crt"), caPem);
        return BrokerSettings.builder(dataDir, tls).tlsPort(0).plainPort(plainPort).maxQueuedMessagesPerClient(777).build();
    }

    private static List<String> lines(String conf) {
        return Arrays.stream(conf.split("\n")).filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    @Test
    void tlsListenerRequiresCertificatesAndPersistenceIsOn() throws Exception {
        List<String> conf = lines(MosquittoConfig.render(settings(Path.of("/data"), Path.of("/pki/ca.crt"), -1), 8883, -1, "ami"));
        assertThat(conf).containsSubsequence("listener 8883 127.0.0.1", "cafile /pki/ca.crt",
                "certfile /pki/server.crt", "keyfile /pki/server.key", "tls_version tlsv1.3",
                "require_certificate true", "use_identity_as_username true", "allow_anonymous false");
        assertThat(conf).contains("user ami", "persistence true", "persistence_location /data/",
                "autosave_interval 1", "max_queued_messages 777", "max_packet_size 8388608",
                "log_dest file /data/mosquitto.log", "per_listener_settings true");
        assertThat(conf).filteredOn(l -> l.startsWith("listener ")).hasSize(1);
    }

    @Test
    void plainListenerIsAnonymousAndSeparate() throws Exception {
        List<String> conf = lines(MosquittoConfig.render(settings(Path.of("/data"), Path.of("/pki/ca.crt"), 1884), 8883, 1884, "ami"));
        int plain = conf.indexOf("listener 1884 127.0.0.1");
        assertThat(plain).isGreaterThan(conf.indexOf("listener 8883 127.0.0.1"));
        assertThat(conf.subList(plain, conf.size())).contains("allow_anonymous true").doesNotContain("cafile /pki/ca.crt");
    }

    @Test
    void lineBreakInAPathIsRefused() {
        BrokerSettings s = settings(Path.of("/data"), Path.of("/pki/ca.crt\nlistener 1883"), -1);
        assertThatThrownBy(() -> MosquittoConfig.render(s, 8883, -1, "ami"))
                .isInstanceOf(BrokerException.class).hasMessageContaining("cafile").hasMessageContaining("line break");
    }

    @Property(tries = 100)
    void everyOptionStaysOnItsLine(@ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 20) String dirName,
                                   @ForAll @AlphaChars @StringLength(min = 1, max = 12) String user) throws Exception {
        String conf = MosquittoConfig.render(settings(Path.of("/srv", dirName + " x"), Path.of("/pki/ca.crt"), -1), 8883, -1, user);
        assertThat(lines(conf)).allMatch(l -> l.matches("[a-z_]+ .+"))
                .contains("persistence_location /srv/" + dirName + " x/", "user " + user);
    }
}
