package dev.herald.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Herald's data folder (the embedded database, the admin key file): created readable by its owner only, because
 * the database holds every address and message Herald ever sent. A folder that already exists is the operator's
 * choice and is left as it is, with a warning when others can read it.
 */
public final class DataFolder {
    private static final System.Logger LOG = System.getLogger(DataFolder.class.getName());
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);

    private DataFolder() {
    }

    /** Creates {@code dir} (and missing parents) with mode 0700 if it does not exist; returns its absolute path. */
    public static Path ensure(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            warnIfOpen(absolute);
            return absolute;
        }
        Files.createDirectories(absolute.getParent());
        try {
            Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            // The umask may have taken bits away, never added them, but say what is meant explicitly.
            Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(absolute);
        }
        return absolute;
    }

    private static void warnIfOpen(Path dir) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
            if (mode.stream().anyMatch(OTHERS::contains)) {
                LOG.log(System.Logger.Level.WARNING, "Herald''s data folder {0} can be read by other users ({1});"
                        + " it holds every address and message: chmod 700 it", dir, PosixFilePermissions.toString(mode));
            }
        } catch (IOException | UnsupportedOperationException unknown) {
            // Not a POSIX file system, or not readable here: nothing to say.
        }
    }
}
