package org.openami.concentrator.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.openami.concentrator.launcher.probe.ProbeComponent;

/**
 * Writes a small real bundle for the tests, standing in for the concentrator's components
 * bundle (which does not exist yet): Metatype for a singleton PID and a factory PID, and
 * Declarative Services components that need those configurations, plus one component whose
 * reference can never be satisfied. It is installed next to the real bundle set in a real
 * framework; nothing in it is mocked.
 */
final class ProbeBundle {

    static final String SYMBOLIC_NAME = "org.openami.launcher.probe";
    static final String PID = "org.openami.test.probe";
    static final String FACTORY_PID = "org.openami.test.probe.channel";
    static final String CLOCKED = "org.openami.test.probe.clocked";

    private ProbeBundle() {
    }

    static final String METATYPE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <metatype:MetaData xmlns:metatype="http://www.osgi.org/xmlns/metatype/v1.4.0">
              <OCD id="org.openami.test.probe" name="Probe" description="A singleton configuration for the tests">
                <AD id="file" type="String" default="meters.csv" name="Archive file" description="Path of the archive, relative to the working directory"/>
                <AD id="retries" type="Integer" default="3" min="0" max="10"/>
                <AD id="window" type="Long" default="60000" description="Window in ms"/>
                <AD id="mode" type="String" default="fast">
                  <Option label="Fast" value="fast"/>
                  <Option label="Slow" value="slow"/>
                </AD>
                <AD id="enabled" type="Boolean" default="true"/>
                <AD id="tags" type="String" cardinality="3" required="false"/>
                <AD id="ratio" type="Double" required="false"/>
              </OCD>
              <OCD id="org.openami.test.probe.channel" name="Probe channel">
                <AD id="port" type="String" required="true"/>
                <AD id="baud" type="Integer" default="2400">
                  <Option label="1200" value="1200"/>
                  <Option label="2400" value="2400"/>
                  <Option label="9600" value="9600"/>
                </AD>
                <AD id="parity" type="Char" default="E"/>
                <AD id="address" type="Short" required="false"/>
              </OCD>
              <Designate pid="org.openami.test.probe">
                <Object ocdref="org.openami.test.probe"/>
              </Designate>
              <Designate pid="org.openami.test.probe.channel" factoryPid="org.openami.test.probe.channel">
                <Object ocdref="org.openami.test.probe.channel"/>
              </Designate>
            </metatype:MetaData>
            """;

    private static String component(String name, String policy, String extra) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="%s" configuration-policy="%s" immediate="true" activate="activate">
                  <implementation class="%s"/>
                %s</scr:component>
                """.formatted(name, policy, ProbeComponent.class.getName(), extra);
    }

    /** Writes the probe bundle to {@code jar}. */
    static Path write(Path jar) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", SYMBOLIC_NAME);
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Service-Component", "OSGI-INF/probe.xml,OSGI-INF/probe-channel.xml,OSGI-INF/probe-clocked.xml");
        Map<String, String> files = Map.of(
                "OSGI-INF/metatype/probe.xml", METATYPE,
                "OSGI-INF/probe.xml", component(PID, "require", ""),
                "OSGI-INF/probe-channel.xml", component(FACTORY_PID, "require", ""),
                "OSGI-INF/probe-clocked.xml", component(CLOCKED, "ignore",
                        "  <reference name=\"clock\" interface=\"java.time.Clock\" cardinality=\"1..1\"/>\n"));
        String classEntry = ProbeComponent.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, mf)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                jos.putNextEntry(new JarEntry(f.getKey()));
                jos.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                jos.closeEntry();
            }
            jos.putNextEntry(new JarEntry(classEntry));
            try (InputStream in = ProbeComponent.class.getClassLoader().getResourceAsStream(classEntry)) {
                in.transferTo(jos);
            }
            jos.closeEntry();
        }
        return jar;
    }

    /** Writes a bundle that imports a package nobody exports, to see resolution failures reported. */
    static Path writeUnresolvable(Path jar) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "org.openami.launcher.broken");
        a.putValue("Bundle-Version", "2.0.0");
        a.putValue("Import-Package", "org.example.nowhere;version=\"[1.0,2)\"");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, mf)) {
            jos.putNextEntry(new JarEntry("readme.txt"));
            jos.write("imports a package no bundle exports".getBytes(StandardCharsets.UTF_8));
            jos.closeEntry();
        }
        return jar;
    }
}
