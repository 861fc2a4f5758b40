package dev.rigger.lab.k8s;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * TEST STAND-IN helpers for the lab's kubeadm: the host's name, its simulated /proc (through
 * the {@code labproc} script, see lab/README.md), files, and commands run quietly (a daemon
 * started from here must not hold the caller's SSH session open).
 */
final class Host {
    static final String LIBDIR = System.getenv().getOrDefault("KUBEADM_STANDIN_LIBDIR", "/usr/lib/kubeadm-standin");

    private Host() {}

    static String hostname() {
        try { return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip().toLowerCase(); }
        catch (IOException e) { return "localhost"; }
    }

    /** The simulated content of a /proc file on a lab host (labproc PATH). */
    static String proc(String path) {
        Run r = run(List.of(LIBDIR + "/labproc", path));
        if (r.code == 0) return r.out;
        try { return Files.readString(Path.of(path)); } catch (IOException e) { return null; }
    }

    record Run(int code, String out) {}

    static Run run(List<String> cmd) {
        try {
            File log = File.createTempFile("kubeadm-standin", ".out");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(log);
            int code = pb.start().waitFor();
            String out = Files.readString(log.toPath(), StandardCharsets.UTF_8);
            Files.deleteIfExists(log.toPath());
            return new Run(code, out);
        } catch (IOException e) {
            return new Run(127, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(130, "interrupted");
        }
    }

    /** Starts or stops a service with the host's service tool, output discarded. */
    static Run service(String name, String action) {
        if (new File("/usr/bin/systemctl").canExecute() || new File("/bin/systemctl").canExecute())
            return run(List.of("systemctl", action, name));
        return run(List.of("service", name, action));
    }

    static boolean serviceInstalled(String name) {
        return Files.exists(Path.of("/usr/lib/systemd/system/" + name + ".service")) || Files.exists(Path.of("/etc/init.d/" + name));
    }

    static void write(Path p, String content, String mode) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        if (mode != null) Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(mode));
    }

    static boolean dirNotEmpty(Path p) {
        if (!Files.isDirectory(p)) return false;
        try (Stream<Path> s = Files.list(p)) { return s.findAny().isPresent(); } catch (IOException e) { return false; }
    }

    /** Deletes the contents of a directory (not the directory itself). */
    static void clearDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return;
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) { s.sorted(Comparator.reverseOrder()).forEach(all::add); }
        for (Path p : all) if (!p.equals(dir)) Files.deleteIfExists(p);
    }
}
