package org.openami.dlt645;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openami.dlt645.Dlt645FormatException.Reason;

/**
 * The seed corpus under {@code src/test/resources/dlt645-corpus/}: one {@code .hex} file per
 * input, hex bytes separated by white space, {@code #} comment lines, and two expectations:
 * {@code # frames: N} and {@code # reasons: R1 R2 ...} (the drop reasons in order, after
 * the whole input and a long idle gap).
 */
final class Corpus {

    record Entry(String name, byte[] bytes, int frames, List<Reason> reasons) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Corpus() {
    }

    static List<Entry> load() {
        try (Stream<Path> files = Files.list(directory())) {
            List<Entry> entries = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".hex")).sorted().collect(Collectors.toList())) {
                entries.add(parse(p.getFileName().toString(), Files.readAllLines(p, StandardCharsets.UTF_8)));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path directory() {
        try {
            return Paths.get(Corpus.class.getResource("/dlt645-corpus").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Entry parse(String name, List<String> lines) {
        StringBuilder hex = new StringBuilder();
        int frames = -1;
        List<Reason> reasons = null;
        for (String line : lines) {
            String t = line.strip();
            if (t.startsWith("# frames:")) {
                frames = Integer.parseInt(t.substring("# frames:".length()).strip());
            } else if (t.startsWith("# reasons:")) {
                String list = t.substring("# reasons:".length()).strip();
                reasons = list.isEmpty() ? List.of()
                        : Arrays.stream(list.split("\\s+")).map(Reason::valueOf).collect(Collectors.toList());
            } else if (!t.startsWith("#")) {
                hex.append(t).append(' ');
            }
        }
        if (frames < 0 || reasons == null) {
            throw new IllegalStateException(name + " lacks '# frames:' or '# reasons:'");
        }
        return new Entry(name, Hex.parse(hex.toString()), frames, reasons);
    }
}
