package org.openami.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class HiveMqConfigTest {

    private static BrokerSettings settings(String password, int plainPort) {
        TlsFiles tls = new TlsFiles(Path.of("/pki/server.p12"), password.toCharArray(), Path.of("/pki/trust.p12"),
                "trust-pw".toCharArray(), null, null, null);
        return BrokerSettings.builder(Path.of("/data"), tls).tlsPort(0).plainPort(plainPort)
                .maxQueuedMessagesPerClient(123_456).build();
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static String at(Document doc, String path) throws Exception {
        XPath xpath = XPathFactory.newInstance().newXPath();
        return xpath.evaluate(path, doc);
    }

    @Test
    void validatesAgainstHiveMqsOwnSchema() throws Exception {
        URL xsd = com.hivemq.embedded.EmbeddedHiveMQ.class.getResource("/config.xsd");
        assertThat(xsd).as("config.xsd shipped in the HiveMQ jar").isNotNull();
        String xml = HiveMqConfig.render(settings("pw", 1884), 8883, 1884);
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd).newValidator()
                .validate(new StreamSource(new StringReader(xml)));
    }

    @Test
    void tlsListenerRequiresClientCertificatesOverTls13() throws Exception {
        Document doc = parse(HiveMqConfig.render(settings("pw", -1), 8883, -1));
        String tls = "/hivemq/listeners/tls-tcp-listener";
        assertThat(at(doc, tls + "/port")).isEqualTo("8883");
        assertThat(at(doc, tls + "/bind-address")).isEqualTo("127.0.0.1");
        assertThat(at(doc, tls + "/tls/client-authentication-mode")).isEqualTo("REQUIRED");
        assertThat(at(doc, tls + "/tls/protocols/protocol")).isEqualTo("TLSv1.3");
        assertThat(at(doc, tls + "/tls/keystore/path")).isEqualTo("/pki/server.p12");
        assertThat(at(doc, tls + "/tls/truststore/path")).isEqualTo("/pki/trust.p12");
        assertThat(at(doc, tls + "/tls/truststore/password")).isEqualTo("trust-pw");
        assertThat(at(doc, "count(/hivemq/listeners/tcp-listener)")).isEqualTo("0");
        assertThat(at(doc, "/hivemq/mqtt/queued-messages/max-queue-size")).isEqualTo("123456");
        assertThat(at(doc, "/hivemq/mqtt/packets/max-packet-size")).isEqualTo(Integer.toString(8 * 1024 * 1024));
        assertThat(at(doc, "/hivemq/persistence/mode")).isEqualTo("file");
        assertThat(at(doc, "/hivemq/anonymous-usage-statistics/enabled")).isEqualTo("false");
    }

    @Test
    void plainListenerOnlyWhenConfigured() throws Exception {
        Document doc = parse(HiveMqConfig.render(settings("pw", 1884), 8883, 1884));
        assertThat(at(doc, "/hivemq/listeners/tcp-listener/port")).isEqualTo("1884");
        assertThat(at(doc, "/hivemq/listeners/tcp-listener/bind-address")).isEqualTo("127.0.0.1");
    }

    @Property(tries = 200)
    void anyPasswordSurvivesTheXml(@ForAll @StringLength(min = 1, max = 40) @CharRange(from = ' ', to = '~') String password)
            throws Exception {
        Document doc = parse(HiveMqConfig.render(settings(password, -1), 8883, -1));
        assertThat(at(doc, "/hivemq/listeners/tls-tcp-listener/tls/keystore/password")).isEqualTo(password);
        assertThat(at(doc, "/hivemq/listeners/tls-tcp-listener/tls/keystore/private-key-password")).isEqualTo(password);
    }

    @Test
    void fileIsReadableByItsOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = HiveMqConfig.write(dir.resolve("conf"), "<hivemq/>");
        assertThat(Files.readString(file)).isEqualTo("<hivemq/>");
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        HiveMqConfig.write(dir.resolve("conf"), "<hivemq></hivemq>");
        assertThat(Files.readString(file)).isEqualTo("<hivemq></hivemq>");
    }
}
