package org.openami.concentrator.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArchiveFilesTest {

    @TempDir
    Path dir;

    private static MeterArchive archive() throws ArchiveException {
        return MeterArchive.of(List.of(Meters.dlt(1, Meters.address(1), "rs485-1"), Meters.modbus(2, 1, "rs485-2")));
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(Path::getFileName).sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"archive.csv", "archive.json", "ARCHIVE.JSON"})
    void savesAndLoadsByExtensionLeavingNoTemporaryFile(String name) throws Exception {
        Path file = dir.resolve(name);

        ArchiveFiles.save(archive(), file);
        MeterArchive loaded = ArchiveFiles.load(file, Set.of("rs485-1", "rs485-2"));

        assertThat(loaded).isEqualTo(archive());
        assertThat(files()).containsExactly(Path.of(name));
        String text = Files.readString(file);
        assertThat(text.startsWith("{")).isEqualTo(name.toLowerCase().endsWith(".json"));
    }

    @Test
    void replacesAnExistingFileAndKeepsItsPermissions() throws Exception {
        Path file = dir.resolve("archive.csv");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        ArchiveFiles.save(archive(), file);

        assertThat(ArchiveFiles.load(file, Set.of())).isEqualTo(archive());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        assertThat(files()).containsExactly(Path.of("archive.csv"));
    }

    @Test
    void aFailedSaveLeavesTheTargetAsItWasAndNoTemporaryFile() throws Exception {
        Path target = dir.resolve("taken.csv");
        Files.createDirectory(target);
        Files.writeString(target.resolve("keep"), "x");

        assertThatThrownBy(() -> ArchiveFiles.save(archive(), target)).isInstanceOf(IOException.class);

        assertThat(files()).containsExactly(Path.of("taken.csv"));
        assertThat(target.resolve("keep")).hasContent("x");
    }

    @Test
    void refusesAnOversizedFileBeforeReadingIt() throws Exception {
        Path file = dir.resolve("huge.csv");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(ArchiveFormat.MAX_INPUT_BYTES + 1);
        }

        ArchiveException e = catchThrowableOfType(ArchiveException.class, () -> ArchiveFiles.load(file, Set.of()));

        assertThat(e.getMessage()).isEqualTo("huge.csv: 1 problem\n  the file is 16777217 bytes, larger than 16777216; refused");
    }

    @Test
    void anUnknownExtensionIsRefused() throws Exception {
        Path file = dir.resolve("archive.xlsx");
        Files.writeString(file, "x");

        assertThatThrownBy(() -> ArchiveFiles.load(file, Set.of())).isInstanceOf(ArchiveException.class)
                .hasMessage("archive.xlsx: 1 problem\n  an archive file name ends in .csv or .json");
        assertThatThrownBy(() -> ArchiveFiles.save(archive(), file)).isInstanceOf(IllegalArgumentException.class);
        assertThat(file).hasContent("x");
    }

    @Test
    void aMissingFileIsAnIoError() {
        assertThatThrownBy(() -> ArchiveFiles.load(dir.resolve("none.csv"), Set.of()))
                .isInstanceOf(NoSuchFileException.class);
    }
}
