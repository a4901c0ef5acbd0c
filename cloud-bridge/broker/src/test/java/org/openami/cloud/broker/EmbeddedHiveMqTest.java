package org.openami.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The broker contract against HiveMQ CE embedded in this JVM. */
class EmbeddedHiveMqTest extends BrokerContractTest {

    @Override
    Broker newBroker(BrokerSettings settings) {
        return new EmbeddedHiveMq(settings);
    }

    @Test
    void wrongKeyStorePasswordIsNamedBeforeStarting() {
        TlsFiles f = pki.files;
        TlsFiles wrong = new TlsFiles(f.keyStore(), "wrong".toCharArray(), f.trustStore(), f.trustStorePassword(),
                null, null, null);
        Broker broker = newBroker(settings("wrong-password").withTls(wrong));
        assertThatThrownBy(broker::start)
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining("tls.keyStore")
                .hasMessageContaining("cannot be opened")
                .hasMessageNotContaining("wrong");
        assertThat(broker.running()).isFalse();
    }

    @Test
    void trustStoreWithoutCertificatesIsRefused() {
        TlsFiles f = pki.files;
        TlsFiles swapped = new TlsFiles(f.keyStore(), f.keyStorePassword(), f.keyStore(), f.keyStorePassword(),
                null, null, null);
        Broker broker = newBroker(settings("no-trust").withTls(swapped));
        assertThatThrownBy(broker::start)
                .isInstanceOf(BrokerException.class)
                .hasMessageContaining("tls.trustStore")
                .hasMessageContaining("no trusted certificate");
    }

    @Test
    void writesItsConfigurationAndDataUnderTheDataDirectory() {
        BrokerSettings settings = ((EmbeddedHiveMq) shared).settings();
        assertThat(settings.dataDir().resolve("conf/config.xml")).isRegularFile();
        assertThat(settings.dataDir().resolve("data")).isDirectory().isNotEmptyDirectory();
    }
}
