package dev.rigger.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs ansible-playbook (the installed ansible-core) and rigger on the same playbook and
 * inventory, each in a folder of its own ({@code {{ out }}}), for tests that compare what the
 * two leave behind. Hosts are local ({@code ansible_connection=local}).
 */
final class AnsibleBeside {
    static final Path ANSIBLE = Path.of("/usr/bin/ansible-playbook");

    record Run(int exitCode, String output, Path out) {
        List<String> log() throws IOException {
            Path f = out.resolve("log");
            return Files.exists(f) ? Files.readAllLines(f) : List.of();
        }

        /** The log's lines whose second word is {@code host}, in their order. */
        List<String> logOf(String host) throws IOException {
            return log().stream().filter(l -> l.split(" ").length > 1 && l.split(" ")[1].equals(host)).toList();
        }
    }

    private final Path dir;

    AnsibleBeside(Path dir) {
        this.dir = dir;
    }

    static boolean available() {
        return Files.isExecutable(ANSIBLE);
    }

    /** An INI inventory of local hosts. */
    Path inventory(List<String> hosts) throws IOException {
        StringBuilder sb = new StringBuilder("[all]\n");
        for (String h : hosts) sb.append(h).append(" ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n");
        Path inv = dir.resolve("hosts.ini");
        Files.writeString(inv, sb.toString());
        return inv;
    }

    /** @param options more of ansible-playbook's command line ({@code --become-user u}) */
    Run ansible(String name, Path inventory, String playbook, String... options) throws Exception {
        Path out = Files.createDirectories(dir.resolve(name + "-ansible"));
        Path pb = Files.writeString(dir.resolve(name + "-ansible.yml"), playbook);
        List<String> cmd = new java.util.ArrayList<>(List.of(ANSIBLE.toString(), "-i", inventory.toString(), "-e", "out=" + out));
        cmd.addAll(List.of(options));
        cmd.add(pb.toString());
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
        b.environment().put("ANSIBLE_LOCAL_TEMP", Files.createDirectories(dir.resolve("ansible-tmp")).toString());
        b.environment().put("ANSIBLE_HOME", Files.createDirectories(dir.resolve("ansible-home")).toString());
        b.environment().put("ANSIBLE_NOCOLOR", "1");
        b.environment().put("ANSIBLE_RETRY_FILES_ENABLED", "false");
        b.environment().put("ANSIBLE_FORKS", "5");
        Process p = b.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("ansible-playbook did not end:\n" + output);
        }
        return new Run(p.exitValue(), output, out);
    }

    /** @param options more of the command line, as ansible-playbook's */
    Run rigger(String name, Path inventory, String playbook, String... options) throws IOException {
        Path out = Files.createDirectories(dir.resolve(name + "-rigger"));
        Path pb = Files.writeString(dir.resolve(name + "-rigger.yml"), playbook);
        List<String> args = new java.util.ArrayList<>(List.of("play", "-i", inventory.toString(), "-e", "out=" + out));
        args.addAll(List.of(options));
        args.add(pb.toString());
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        return new Run(r.exitCode(), r.all(), out);
    }
}
