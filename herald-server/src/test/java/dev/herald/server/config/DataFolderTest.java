package dev.herald.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class DataFolderTest {
    @TempDir
    Path parent;

    @Test
    void aNewDataFolderIsReadableByItsOwnerOnly() throws Exception {
        Path created = DataFolder.ensure(parent.resolve("a/b/data"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created))).isEqualTo("rwx------");
    }

    @Test
    void anExistingFolderIsTheOperatorsAndKeepsItsMode() throws Exception {
        Path existing = Files.createDirectory(parent.resolve("shared"));
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-x---"));

        DataFolder.ensure(existing);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing))).isEqualTo("rwxr-x---");
    }
}
