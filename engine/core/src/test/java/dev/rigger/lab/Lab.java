package dev.rigger.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The lab (see lab/README.md) as integration tests use it: brought up once per test run, hosts
 * reset to fresh on demand, inspected over the lab's own OpenSSH client config (not through
 * Rigger, so a test never trusts the code it checks).
 */
public final class Lab {
    public static final List<String> HOSTS = List.of("k8s-master", "k8s-slave1", "k8s-slave2");
    private static Lab instance;

    private final Path root;
    private final Path state;

    private Lab(Path root, Path state) {
        this.root = root;
        this.state = state;
    }

    /** The lab with at least the three seed hosts up; starts it on first use. */
    public static synchronized Lab get() {
        if (instance == null) {
            Path root = Path.of(System.getProperty("rigger.root", "../..")).toAbsolutePath().normalize();
            Path state = Path.of(System.getenv().getOrDefault("RIGGER_LAB_STATE", "/srv/rigger-lab"));
            Lab lab = new Lab(root, state);
            // never "up.sh 3": it would stop every host past the third, which others may be using
            if (!lab.seedHostsUp()) lab.script("up.sh", String.valueOf(Math.max(3, lab.upCount())));
            instance = lab;
        }
        return instance;
    }

    /**
     * The lab as it is, bringing nothing up: for tests told to use hosts past the seed ones in a
     * lab shared with others, where {@code up.sh 3} would stop everyone's hosts past the third.
     */
    public static synchronized Lab existing() {
        if (instance != null) return instance;
        Path root = Path.of(System.getProperty("rigger.root", "../..")).toAbsolutePath().normalize();
        Path state = Path.of(System.getenv().getOrDefault("RIGGER_LAB_STATE", "/srv/rigger-lab"));
        return new Lab(root, state);
    }

    private boolean seedHostsUp() {
        try {
            List<String> up = Files.readAllLines(state.resolve("hosts.txt"));
            return HOSTS.stream().allMatch(h -> up.stream().anyMatch(l -> l.startsWith(h + " ")))
                    && HOSTS.stream().allMatch(h -> ssh(h, "true").exitCode() == 0);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Makes at least {@code n} hosts run. Never fewer: {@code lab/up.sh N} stops the hosts past N,
     * which other tests (or people) may be using, so it is called only to grow the lab.
     */
    public void atLeast(int n) {
        if (upCount() < n) script("up.sh", String.valueOf(n));
    }

    private int upCount() {
        try {
            return (int) Files.readAllLines(state.resolve("hosts.txt")).stream().filter(l -> !l.isBlank()).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The names of the hosts up now, in the lab's order (k8s-master, k8s-slave1, k8s-slave2, node4, ...). */
    public List<String> hostsUp() throws IOException {
        return Files.readAllLines(state.resolve("hosts.txt")).stream().filter(l -> !l.isBlank()).map(l -> l.split(" ")[0]).toList();
    }

    public Path root() {
        return root;
    }

    public Path knownHosts() {
        return state.resolve("ssh/known_hosts");
    }

    /** The lab's client key: root login on every host. */
    public Path clientKey() {
        return state.resolve("ssh/id_ed25519");
    }

    /** A host's address from {@code hosts.txt}; fails when the host is not up. */
    public String address(String host) throws IOException {
        return Files.readAllLines(state.resolve("hosts.txt")).stream().filter(l -> l.startsWith(host + " "))
                .findFirst().orElseThrow(() -> new IllegalStateException(host + " is not up (see " + state.resolve("hosts.txt") + ")"))
                .split(" ")[1];
    }

    /**
     * Logins the host's sshd accepted since the host last started, from its console log: what
     * the host saw, whoever connected (this class's own {@link #ssh} included).
     */
    public long logins(String host) throws IOException {
        try (Stream<String> lines = Files.lines(state.resolve("hosts").resolve(host).resolve("console.log"))) {
            return lines.filter(l -> l.startsWith("Accepted publickey for ")).count();
        }
    }

    /** Returns hosts to fresh (same keys), waiting until they answer SSH. */
    public void reset(String... hosts) {
        List<String> args = new ArrayList<>(List.of(hosts));
        script("reset.sh", args.toArray(String[]::new));
    }

    /** Stops a host as if powered off; {@link #reset} brings it back. */
    public void stop(String host) {
        script("stop.sh", host);
    }

    /**
     * Writes an inventory of the given hosts in {@code dir}: the first is {@code [master]}, the
     * rest {@code [workers]}, as inventories/lab.ini but limited to what a test uses.
     */
    public Path inventory(Path dir, String... hosts) throws IOException {
        StringBuilder sb = new StringBuilder("[master]\n");
        List<String> lines = Files.readAllLines(state.resolve("hosts.txt"));
        for (int i = 0; i < hosts.length; i++) {
            if (i == 1) sb.append("[workers]\n");
            String h = hosts[i];
            String addr = lines.stream().filter(l -> l.startsWith(h + " ")).findFirst().orElseThrow().split(" ")[1];
            sb.append(h).append(" ansible_host=").append(addr).append(" ansible_user=root ansible_ssh_private_key_file=")
              .append(state.resolve("ssh/id_ed25519")).append('\n');
        }
        sb.append("[all:vars]\nansible_ssh_common_args='-o UserKnownHostsFile=").append(knownHosts()).append("'\n");
        Path f = dir.resolve("inventory.ini");
        Files.writeString(f, sb.toString());
        return f;
    }

    /** Runs a command on a host through OpenSSH. */
    public Result ssh(String host, String command) {
        return run(List.of("ssh", "-F", state.resolve("ssh/config").toString(), "-o", "ConnectTimeout=5", host, command));
    }

    /** Runs a command that must succeed; returns its output. */
    public String sh(String host, String command) {
        Result r = ssh(host, command);
        if (r.exitCode() != 0) throw new AssertionError("on " + host + ": " + command + " -> exit " + r.exitCode() + ": " + r.err());
        return r.out();
    }

    /**
     * Bookkeeping that read-only queries of the host's own tools write (dnf's metadata cache and
     * logs, rpm opening its database): the same happens under {@code ansible --check}, and it is
     * no managed state. So are the directories above it, which the overlay copies up when
     * something beneath them is written (their own modes are not compared). Everything else counts.
     */
    private static final List<String> TOOL_BOOKKEEPING = List.of("var/cache/", "var/log/", "var/lib/rpm/");

    /**
     * A digest of everything the host has changed since it was fresh: every path in its overlay
     * uppers with type, mode, size and content (tool bookkeeping aside). Equal digests mean
     * byte-identical hosts.
     */
    public String fingerprint(String host) throws IOException {
        Path upper = state.resolve("hosts").resolve(host).resolve("upper");
        MessageDigest md = sha256();
        try (Stream<Path> s = Files.walk(upper)) {
            for (Path p : s.sorted().toList()) {
                boolean dir = Files.isDirectory(p);
                String rel = upper.relativize(p).toString() + (dir ? "/" : "");
                if (TOOL_BOOKKEEPING.stream().anyMatch(b -> rel.startsWith(b) || (rel + "/").equals(b) || (dir && b.startsWith(rel)))) continue;
                md.update((upper.relativize(p) + "|" + Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) + "|"
                        + Files.getAttribute(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS) + "\n").getBytes(StandardCharsets.UTF_8));
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) md.update(Files.readAllBytes(p));
                if (Files.isSymbolicLink(p)) md.update(Files.readSymbolicLink(p).toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void script(String name, String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("lab").resolve(name).toString()));
        cmd.addAll(List.of(args));
        Result r = run(cmd);
        if (r.exitCode() != 0) throw new IllegalStateException("lab/" + name + " failed (" + r.exitCode() + "): " + r.err());
    }

    /** Exit code and output of a process. */
    public record Result(int exitCode, String out, String err) { }

    static Result run(List<String> cmd) {
        try {
            Path out = Files.createTempFile("lab", ".out");
            Path err = Files.createTempFile("lab", ".err");
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
