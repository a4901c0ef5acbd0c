package org.openami.meter.update.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds jars from compiled test classes. */
public final class TestJars {

    private TestJars() {
    }

    /** A jar holding only {@code mainClass}'s class file, with it as Main-Class. */
    public static Path jarOf(Class<?> mainClass, Path jar) throws IOException {
        String entry = mainClass.getName().replace('.', '/') + ".class";
        byte[] bytes;
        try (InputStream in = mainClass.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                throw new IOException("class file not found: " + entry);
            }
            bytes = in.readAllBytes();
        }
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass.getName());
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, mf)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(bytes);
            out.closeEntry();
        }
        return jar;
    }

    /** The firmware jar used by most tests: {@link TestFirmwareMain}. */
    public static Path firmwareJar(Path dir) throws IOException {
        return jarOf(TestFirmwareMain.class, dir.resolve("ami-meter.jar"));
    }
}
