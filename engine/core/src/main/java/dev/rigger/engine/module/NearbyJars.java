package dev.rigger.engine.module;

import dev.rigger.spi.Module;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.ZipFile;

/**
 * For an unknown module only: a module jar near the playbook that was not loaded (a module
 * author's {@code target/} after {@code mvn package}) and declares the name. Bounded: three
 * folders deep, hidden folders skipped, at most {@value #MOST_FILES} files looked at.
 */
final class NearbyJars {
    static final int MOST_FILES = 2000;
    private static final int DEPTH = 3;

    private NearbyJars() { }

    static Optional<Path> providing(String name, List<Path> roots, Collection<Path> loaded, Function<Path, List<String>> names) {
        List<Path> loadedReal = new ArrayList<>();
        for (Path p : loaded) loadedReal.add(real(p));
        for (Path jar : moduleJars(roots)) {
            if (loadedReal.contains(real(jar))) continue;
            if (names.apply(jar).contains(name)) return Optional.of(jar);
        }
        return Optional.empty();
    }

    private static List<Path> moduleJars(List<Path> roots) {
        List<Path> out = new ArrayList<>();
        int[] looked = {0};
        for (Path root : roots.stream().map(NearbyJars::real).distinct().toList()) {
            if (!Files.isDirectory(root)) continue;
            try {
                Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), DEPTH, new FileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                        String n = d.getFileName() == null ? "" : d.getFileName().toString();
                        return !d.equals(root) && (n.startsWith(".") || n.equals("node_modules")) ? FileVisitResult.SKIP_SUBTREE
                                : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                        if (++looked[0] > MOST_FILES) return FileVisitResult.TERMINATE;
                        if (a.isRegularFile() && f.toString().endsWith(".jar") && declaresModules(f) && !out.contains(f)) out.add(f);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path f, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path d, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                // nothing found there: the error keeps its plain form
            }
        }
        return out;
    }

    private static boolean declaresModules(Path jar) {
        try (ZipFile z = new ZipFile(jar.toFile())) {
            return z.getEntry("META-INF/services/" + Module.class.getName()) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
