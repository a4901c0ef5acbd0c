package org.openami.cloud.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Renders HiveMQ CE's {@code config.xml}: a TLS 1.3 listener that requires a client certificate,
 * an optional plaintext listener, file persistence, the queue bound, the packet size limit and
 * anonymous usage statistics off. Values are escaped by the XML serializer. The file holds the
 * key store passwords, so it is written readable by its owner only.
 */
final class HiveMqConfig {

    private HiveMqConfig() {
    }

    /**
     * @param settings the broker settings (host, TLS files, queue bound)
     * @param tlsPort the concrete TLS port
     * @param plainPort the concrete plaintext port, or -1 for none
     * @return the XML document text
     */
    static String render(BrokerSettings settings, int tlsPort, int plainPort) {
        Document doc = newDocument();
        Element root = doc.createElement("hivemq");
        doc.appendChild(root);

        Element listeners = child(root, "listeners");
        Element tlsListener = child(listeners, "tls-tcp-listener");
        text(tlsListener, "port", Integer.toString(tlsPort));
        text(tlsListener, "bind-address", settings.host());
        text(tlsListener, "name", "mqtt-tls");
        Element tls = child(tlsListener, "tls");
        Element keystore = child(tls, "keystore");
        TlsFiles files = settings.tls();
        text(keystore, "path", files.keyStore().toAbsolutePath().toString());
        text(keystore, "password", new String(files.keyStorePassword()));
        text(keystore, "private-key-password", new String(files.keyStorePassword()));
        Element truststore = child(tls, "truststore");
        text(truststore, "path", files.trustStore().toAbsolutePath().toString());
        text(truststore, "password", new String(files.trustStorePassword()));
        text(child(tls, "protocols"), "protocol", "TLSv1.3");
        text(tls, "client-authentication-mode", "REQUIRED");
        if (plainPort > 0) {
            Element plain = child(listeners, "tcp-listener");
            text(plain, "port", Integer.toString(plainPort));
            text(plain, "bind-address", settings.host());
            text(plain, "name", "mqtt-plain-not-for-production");
        }

        Element mqtt = child(root, "mqtt");
        Element queued = child(mqtt, "queued-messages");
        text(queued, "max-queue-size", Long.toString(settings.maxQueuedMessagesPerClient()));
        text(queued, "strategy", "discard");
        text(child(mqtt, "packets"), "max-packet-size", Integer.toString(BrokerSettings.MAX_PACKET_BYTES));
        text(child(mqtt, "shared-subscriptions"), "enabled", "true");

        text(child(root, "persistence"), "mode", "file");
        text(child(root, "anonymous-usage-statistics"), "enabled", "false");
        return serialize(doc);
    }

    /**
     * Writes the configuration to {@code folder/config.xml}, readable by its owner only.
     *
     * @throws IOException if the folder or file cannot be written
     */
    static Path write(Path folder, String xml) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve("config.xml");
        Files.deleteIfExists(file);
        Set<PosixFilePermission> ownerOnly = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        boolean posix = Files.getFileStore(folder).supportsFileAttributeView("posix");
        if (posix) {
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(ownerOnly));
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(xml.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private static Document newDocument() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            return factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser is unavailable", e);
        }
    }

    private static Element child(Element parent, String name) {
        Element element = parent.getOwnerDocument().createElement(name);
        parent.appendChild(element);
        return element;
    }

    private static void text(Element parent, String name, String value) {
        child(parent, name).setTextContent(value);
    }

    private static String serialize(Document doc) {
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialize the HiveMQ configuration", e);
        }
    }
}
