package org.openami.cloud.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @Test
    void lastLinesOfASmallFile(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("a.log");
        Files.writeString(log, "one\ntwo\nthree\n");
        assertThat(LogTail.lastLines(log, 2)).containsExactly("two", "three");
        assertThat(LogTail.lastLines(log, 10)).containsExactly("one", "two", "three");
    }

    @Test
    void onlyLinesAfterTheOffset(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("a.log");
        Files.writeString(log, "old run\n");
        long offset = Files.size(log);
        Files.writeString(log, "new 1\nnew 2\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(LogTail.lastLines(log, offset, 10)).containsExactly("new 1", "new 2");
        assertThat(LogTail.lastLines(log, Files.size(log), 10)).isEmpty();
        assertThat(LogTail.describe(log, offset, 10)).contains("new 2").doesNotContain("old run");
    }

    @Test
    void aHugeFileIsReadOnlyAtItsEndAndACutFirstLineIsDropped(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("big.log");
        String text = IntStream.range(0, 200_000).mapToObj(i -> "line number " + i).collect(Collectors.joining("\n"));
        Files.writeString(log, text);
        assertThat(LogTail.lastLines(log, 3)).containsExactly("line number 199997", "line number 199998", "line number 199999");
        assertThat(LogTail.lastLines(log, 1_000_000)).hasSizeLessThan(2000).allMatch(l -> l.matches("line number \\d+"));
    }

    @Test
    void missingFileGivesNothing(@TempDir Path dir) {
        assertThat(LogTail.lastLines(dir.resolve("none"), 5)).isEmpty();
        assertThat(LogTail.describe(dir.resolve("none"), 0, 5)).isEmpty();
    }
}
