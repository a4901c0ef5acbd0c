package org.openami.meter.update.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.openami.meter.update.PackageLayout;
import org.openami.meter.update.keys.SigningKey;

/** Reads a zip into an ordered map, and writes such maps back (for tampering tests). */
public final class ZipEdit {

    private ZipEdit() {
    }

    public static Map<String, byte[]> read(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> en = z.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                try (InputStream in = z.getInputStream(e)) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    /** Writes the entries STORED, in map order. */
    public static Path write(Path zip, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(buf)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry z = new ZipEntry(e.getKey());
                byte[] b = e.getValue();
                z.setMethod(ZipEntry.STORED);
                z.setSize(b.length);
                z.setCompressedSize(b.length);
                CRC32 crc = new CRC32();
                crc.update(b);
                z.setCrc(crc.getValue());
                z.setTimeLocal(LocalDateTime.of(2025, 1, 1, 0, 0));
                out.putNextEntry(z);
                out.write(b);
                out.closeEntry();
            }
        }
        Files.write(zip, buf.toByteArray());
        return zip;
    }

    /** Rewrites {@code zip} with {@code edit} applied to its entries. */
    public static Path edit(Path zip, Path target, java.util.function.Consumer<Map<String, byte[]>> edit) throws IOException {
        Map<String, byte[]> entries = read(zip);
        edit.accept(entries);
        return write(target, entries);
    }

    /** Rewrites {@code zip} with an edited manifest signed again by {@code key}. */
    public static Path resign(Path zip, Path target, SigningKey key, UnaryOperator<String> manifestEdit) throws IOException {
        return edit(zip, target, m -> {
            String text = new String(m.get(PackageLayout.MANIFEST), StandardCharsets.UTF_8);
            byte[] edited = manifestEdit.apply(text).getBytes(StandardCharsets.UTF_8);
            m.put(PackageLayout.MANIFEST, edited);
            m.put(PackageLayout.SIGNATURE, key.sign(edited));
        });
    }
}
