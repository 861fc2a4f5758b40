package dev.rigger.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * What a module author's shell has, for tests that act as one: a {@code rigger} command (this
 * build's classes, so it works before the CLI's jar is packaged) and an offline {@code mvn}
 * against the local repository Rigger's build installed the SPI and testkit into.
 */
final class AuthorTools {
    private AuthorTools() { }

    /** Writes {@code rigger} and {@code mvn} into {@code bin}; returns {@code bin}. */
    static Path bin(Path bin) throws IOException {
        Files.createDirectories(bin);
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        script(bin.resolve("rigger"), "exec '" + java + "' -cp '" + cp + "' dev.rigger.cli.Main \"$@\"");
        Path repo = localRepository();
        script(bin.resolve("mvn"), "exec '" + realMvn() + "' -o -B" + (repo == null ? "" : " '-Dmaven.repo.local=" + repo + "'") + " \"$@\"");
        return bin;
    }

    private static void script(Path file, String line) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + line + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String realMvn() {
        for (String d : System.getenv("PATH").split(File.pathSeparator)) {
            Path m = Path.of(d, "mvn");
            if (Files.isExecutable(m)) return m.toString();
        }
        throw new IllegalStateException("no mvn on the PATH");
    }

    /** Where rigger-spi's jar on this class path lives; null (Maven's default) when it comes from the reactor. */
    static Path localRepository() {
        for (String e : System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")).split(File.pathSeparator)) {
            Path p = Path.of(e);
            if (p.getFileName() != null && p.getFileName().toString().startsWith("rigger-spi-") && e.contains("/dev/rigger/rigger-spi/")) {
                return p.getParent().getParent().getParent().getParent().getParent();
            }
        }
        return null;
    }
}
