package org.openami.concentrator.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The seed corpus of bad files under {@code src/test/resources/bad}: each {@code X.csv} or
 * {@code X.json} has an {@code X.csv.expected} listing every problem it must give, as
 * {@code line|field|value|message}, in order. The configured channels are rs485-1 and rs485-2.
 */
class CorpusTest {

    private static final Set<String> CHANNELS = Set.of("rs485-1", "rs485-2");

    static Path corpus() throws URISyntaxException {
        return Path.of(CorpusTest.class.getResource("/bad").toURI());
    }

    static List<Path> files() throws IOException, URISyntaxException {
        try (Stream<Path> s = Files.list(corpus())) {
            return s.filter(p -> !p.toString().endsWith(".expected")).sorted().toList();
        }
    }

    @Test
    void theCorpusCoversBothFormatsAndEveryFileHasItsExpectation() throws Exception {
        List<Path> files = files();

        assertThat(files).filteredOn(p -> p.toString().endsWith(".csv")).hasSizeGreaterThan(20);
        assertThat(files).filteredOn(p -> p.toString().endsWith(".json")).hasSizeGreaterThan(10);
        assertThat(files).allSatisfy(f -> assertThat(Path.of(f + ".expected")).exists());
    }

    @TestFactory
    Stream<DynamicTest> everyBadFileGivesItsProblems() throws Exception {
        return files().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            List<String> expected = Files.readAllLines(Path.of(file + ".expected"), StandardCharsets.UTF_8)
                    .stream().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();

            ArchiveException fromFile = catchThrowableOfType(ArchiveException.class,
                    () -> ArchiveFiles.load(file, CHANNELS));
            ArchiveException fromStream;
            try (InputStream in = Files.newInputStream(file)) {
                ArchiveFormat format = ArchiveFormat.forPath(file).orElseThrow();
                fromStream = catchThrowableOfType(ArchiveException.class, () -> format.read(in, CHANNELS, "stream"));
            }

            assertThat(fromFile).as("%s must be refused", file.getFileName()).isNotNull();
            assertThat(fromFile.problems()).extracting(CorpusTest::format).containsExactlyElementsOf(expected);
            assertThat(fromFile.totalProblems()).isEqualTo(expected.size());
            assertThat(fromFile.source()).isEqualTo(file.getFileName().toString());
            assertThat(fromFile.getMessage()).startsWith(file.getFileName() + ": " + expected.size() + " problem");
            assertThat(fromStream.problems()).isEqualTo(fromFile.problems());
        }));
    }

    private static String format(ArchiveProblem p) {
        return p.line() + "|" + p.field() + "|" + p.value() + "|" + p.message();
    }
}
