package dev.rigger.modules.kubernetes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Runs a probe's shell script with /bin/sh, a {@code kubectl} of the test's making first on PATH. */
final class FakeKubectl {
    private FakeKubectl() { }

    /** stdout, then "rc=N" on stderr's behalf when the script failed. {@code body} is the fake kubectl (sh). */
    static String run(String script, String body) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("fake-kubectl");
        try {
            Path kubectl = dir.resolve("kubectl");
            Files.writeString(kubectl, "#!/bin/sh\n" + body + "\n");
            Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwx------"));
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", "( " + script + "\n)");
            pb.environment().put("PATH", dir + ":/usr/bin:/bin");
            pb.environment().put("CALLS", dir.resolve("calls").toString());
            pb.redirectErrorStream(false);
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = p.waitFor();
            String calls = Files.exists(dir.resolve("calls")) ? Files.readString(dir.resolve("calls")) : "";
            return out + (rc == 0 ? "" : "rc=" + rc + " " + err) + (calls.isEmpty() ? "" : "calls:\n" + calls);
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
