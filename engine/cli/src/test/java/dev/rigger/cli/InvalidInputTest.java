package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input: one clear message with file:line:col (or a cycle's path), exit code 4, and no
 * connection to any host. The "host" is a listening socket that counts connection attempts.
 */
class InvalidInputTest {
    @TempDir
    Path dir;
    private ServerSocket listener;
    private final AtomicInteger connections = new AtomicInteger();
    private Path inventory;

    @BeforeEach
    void setUp() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.10.250"));
        Thread t = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    connections.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        inventory = dir.resolve("inv.ini");
        Files.writeString(inventory, "[master]\nm1 ansible_host=127.0.10.250 ansible_port=" + listener.getLocalPort() + "\n[workers]\nw1 ansible_host=127.0.10.250 ansible_port=" + listener.getLocalPort() + "\n");
    }

    @AfterEach
    void tearDown() throws IOException {
        listener.close();
    }

    private Cli.Result play(String yaml) throws IOException {
        Path pb = dir.resolve("site.yml");
        Files.writeString(pb, yaml);
        return Cli.run("play", "-i", inventory.toString(), pb.toString());
    }

    private void assertRejected(Cli.Result r, String expected) {
        assertThat(r.exitCode()).as(r.all()).isEqualTo(4);
        assertThat(r.err()).contains(expected);
        assertThat(r.out()).doesNotContain("APPLY RECAP");
        assertThat(connections.get()).isZero();
    }

    @Test
    void yamlSyntaxError() throws IOException {
        Cli.Result r = play("- hosts: all\n  tasks:\n    - name: x\n      file: {path: /x\n");
        assertRejected(r, "site.yml:");
        assertThat(r.err()).matches("(?s).*site\\.yml:\\d+:\\d+: error: YAML syntax error.*");
    }

    @Test
    void unknownModule() throws IOException {
        assertRejected(play("- hosts: all\n  tasks:\n    - yumm: name=kubelet\n"),
                "site.yml:3:7: error: unknown module 'yumm'");
    }

    @Test
    void unknownParameter() throws IOException {
        assertRejected(play("- hosts: all\n  tasks:\n    - file:\n        pth: /tmp/x\n"),
                "site.yml:4:9: error: unknown argument 'pth' for module 'file' (did you mean 'path'?)");
    }

    @Test
    void mistypedParameter() throws IOException {
        assertRejected(play("- hosts: all\n  tasks:\n    - file:\n        path: /tmp/x\n        mode: rwx\n"),
                "site.yml:5:9: error: argument 'mode' of module 'file' must be an octal mode");
    }

    @Test
    void badExpression() throws IOException {
        assertRejected(play("- hosts: all\n  tasks:\n    - file: path=/tmp/x state=touch\n      when: inventory_hostname == \n"),
                "site.yml:4:34: error: unexpected end of expression");
        assertRejected(play("- hosts: all\n  tasks:\n    - file: path=/tmp/x state=touch\n      when: inventory_hostname != 'a' && true\n"),
                "site.yml:4:39: error: '&&' is not Jinja2: write 'and'");
    }

    /** A file read as variables by mistake: its lines are keys, and no error ever prints them. */
    @Test
    void undefinedVariable_neverOffersTheLinesOfAFileReadAsVariables() throws IOException {
        Files.writeString(dir.resolve("shadow"), "root:$6$salt$HASHEDSECRET:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n");
        Cli.Result r = play("- hosts: all\n  vars_files: [shadow]\n  tasks:\n    - file:\n        path: \"/tmp/{{ rooot }}\"\n        state: touch\n");
        assertRejected(r, "undefined variable 'rooot'");
        assertThat(r.all()).doesNotContain("HASHEDSECRET").doesNotContain("daemon:");
    }

    @Test
    void undefinedVariable() throws IOException {
        assertRejected(play("- hosts: all\n  tasks:\n    - file:\n        path: \"/tmp/{{ app_dirr }}\"\n        state: touch\n"),
                "undefined variable 'app_dirr'");
    }

    @Test
    void needsCycle() throws IOException {
        Cli.Result r = play("""
                - hosts: master
                  tasks:
                    - name: init
                      command: "true"
                      needs: {task: join, hosts: workers}
                - hosts: workers
                  tasks:
                    - name: join
                      command: "true"
                      needs: {task: init, hosts: master}
                """);
        assertRejected(r, "dependency cycle: m1/init -> w1/join -> m1/init");
    }

    @Test
    void badOption_exitCode5() {
        Cli.Result r = Cli.run("play", "--no-such-option");
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(connections.get()).isZero();
    }
}
