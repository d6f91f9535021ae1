package dev.ferry.build.job.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceArchiveTest {

    @TempDir
    Path workspace;

    @Test
    void keepsAScriptExecutableAndALinkALink() throws IOException {
        Files.createDirectories(workspace.resolve("bin"));
        Path script = Files.writeString(workspace.resolve("bin/migrate.sh"), "#!/bin/sh\nalembic upgrade head\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(workspace.resolve("migrate"), Path.of("bin/migrate.sh"));

        Map<String, TarArchiveEntry> entries = entries(WorkspaceArchive.of(workspace, "job"));

        assertThat(entries.get("bin/migrate.sh").getMode() & 0777).isEqualTo(0755);
        assertThat(entries.get("migrate").isSymbolicLink()).isTrue();
        assertThat(entries.get("migrate").getLinkName()).isEqualTo("bin/migrate.sh");
        assertThat(entries.get("bin/").isDirectory()).isTrue();
    }

    @Test
    void leavesOutEveryGitDirectoryButNotFilesNamedLikeIt() throws IOException {
        Files.createDirectories(workspace.resolve(".git/objects"));
        Files.writeString(workspace.resolve(".git/objects/ab"), "blob");
        Files.createDirectories(workspace.resolve("vendor/lib/.git"));
        Files.writeString(workspace.resolve("vendor/lib/.git/HEAD"), "ref");
        Files.writeString(workspace.resolve(".gitignore"), "*.pyc\n");

        assertThat(entries(WorkspaceArchive.of(workspace, "job")))
                .containsOnlyKeys(".gitignore", "vendor/", "vendor/lib/");
    }

    private static Map<String, TarArchiveEntry> entries(byte[] archive) throws IOException {
        var entries = new HashMap<String, TarArchiveEntry>();
        try (var tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(archive)))) {
            for (var entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                entries.put(entry.getName(), entry);
            }
        }
        return entries;
    }
}
