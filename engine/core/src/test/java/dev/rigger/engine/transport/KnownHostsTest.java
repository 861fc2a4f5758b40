package dev.rigger.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host keys judged as OpenSSH judges them (issue 20), with OpenSSH's own {@code ssh-keygen -F}
 * (which lines match a name) and {@code ssh-keygen -H} (hashed names) as the reference: a
 * wildcard or hashed {@code @revoked} line refuses its key even with accept-new; {@code h4}
 * does not match {@code [h4]:2222}; a new known_hosts is 0600 in a 0700 folder.
 */
class KnownHostsTest {
    @TempDir
    Path dir;
    private String good;
    private String revoked;
    private String other;

    @BeforeEach
    void keys() throws Exception {
        good = newKey("good");
        revoked = newKey("revoked");
        other = newKey("other");
    }

    private String newKey(String name) throws Exception {
        Path k = dir.resolve(name);
        sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", k.toString());
        String[] f = Files.readString(dir.resolve(name + ".pub")).strip().split(" ");
        return f[0] + " " + f[1];
    }

    private static byte[] blob(String key) {
        return Base64.getDecoder().decode(key.split(" ")[1]);
    }

    private String sh(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", argv) + ": " + out).isIn(0, 1);
        return out;
    }

    /** A line naming {@code name}, hashed by ssh-keygen -H itself. */
    private String hashed(String name, String key) throws Exception {
        Path f = dir.resolve("to-hash");
        Files.writeString(f, name + " " + key + "\n");
        sh("ssh-keygen", "-H", "-f", f.toString());
        return Files.readString(f).strip();
    }

    private int check(Path knownHosts, boolean acceptNew, String name, String key) throws Exception {
        JSch jsch = new JSch();
        StrictKnownHosts s = new StrictKnownHosts(jsch, acceptNew, StrictKnownHosts.load(jsch, knownHosts, acceptNew));
        return s.check(name, blob(key));
    }

    @Test
    void wildcardRevokedLine_refusesItsKeyForEveryHost_evenWithAcceptNew_andRecordsNothing() throws Exception {
        Path kh = dir.resolve("known_hosts");
        Files.writeString(kh, "@revoked * " + revoked + "\nh4 " + good + "\n");
        byte[] before = Files.readAllBytes(kh);
        assertThat(sh("ssh-keygen", "-F", "newhost", "-f", kh.toString())).contains("REVOKED");
        assertThat(check(kh, true, "newhost", revoked)).isEqualTo(HostKeyRepository.CHANGED);
        assertThat(check(kh, true, "[h9]:2222", revoked)).isEqualTo(HostKeyRepository.CHANGED);
        assertThat(Files.readAllBytes(kh)).as("a revoked key is never recorded").isEqualTo(before);
        assertThat(check(kh, false, "h4", good)).isEqualTo(HostKeyRepository.OK);
    }

    @Test
    void revokedLine_outranksALineTrustingTheSameKey_hashedOrPlain() throws Exception {
        Path kh = dir.resolve("known_hosts");
        Files.writeString(kh, "@revoked " + hashed("h7", revoked) + "\n" + hashed("h7", revoked) + "\n@revoked h8 " + good + "\nh8 " + good + "\n");
        assertThat(check(kh, false, "h7", revoked)).isEqualTo(HostKeyRepository.CHANGED);
        assertThat(check(kh, false, "h8", good)).isEqualTo(HostKeyRepository.CHANGED);
        // the hashed @revoked line names h7 alone
        assertThat(check(kh, true, "h6", revoked)).isEqualTo(HostKeyRepository.OK);
    }

    @Test
    void entryForPort22_doesNotMatchAnotherPort_asOpenSsh() throws Exception {
        Path kh = dir.resolve("known_hosts");
        Files.writeString(kh, "h4 " + good + "\n");
        assertThat(sh("ssh-keygen", "-F", "[h4]:2222", "-f", kh.toString())).doesNotContain("found");
        assertThat(check(kh, false, "[h4]:2222", good)).isEqualTo(HostKeyRepository.NOT_INCLUDED);
        assertThat(check(kh, false, "[h4]:2222", other)).isEqualTo(HostKeyRepository.NOT_INCLUDED);
        assertThat(check(kh, false, "h4", good)).isEqualTo(HostKeyRepository.OK);
        assertThat(check(kh, false, "h4", other)).isEqualTo(HostKeyRepository.CHANGED);
    }

    @Test
    void linesMatchingAName_areTheLinesSshKeygenFinds() throws Exception {
        List<String> lines = List.of(
                "# comment", "@revoked * " + revoked, "h4 " + good, "[h4]:2222 " + good, "h4.example.org,10.0.0.4 " + other,
                "*.example.org,!bad.example.org " + good, "h? " + other, "[h5]:* " + good, "H6 " + good,
                hashed("h4", other), hashed("[h4]:2222", other), hashed("bad.example.org", good), "@cert-authority *.lab " + good);
        Path kh = dir.resolve("known_hosts");
        Files.write(kh, lines);
        KnownHosts known = KnownHosts.read(kh);
        List<String> names = List.of("h4", "[h4]:2222", "[h4]:22", "h4.example.org", "bad.example.org", "x.example.org", "10.0.0.4",
                "hx", "h44", "[h5]:2200", "h5", "h6", "H4", "node.lab", "[hx]:2222");
        int compared = 0;
        for (String name : names) {
            List<Integer> reference = new ArrayList<>();
            Matcher m = Pattern.compile("found: line (\\d+)").matcher(sh("ssh-keygen", "-F", name, "-f", kh.toString()));
            while (m.find()) reference.add(Integer.parseInt(m.group(1)));
            assertThat(known.linesMatching(name)).as(name).isEqualTo(reference);
            compared += reference.size();
        }
        assertThat(compared).as("the reference found lines at all").isGreaterThan(20);
    }

    @Test
    void acceptNew_createsKnownHosts0600_inAFolderCreated0700() throws Exception {
        Path kh = dir.resolve("new/.ssh/known_hosts");
        assertThat(check(kh, true, "h4", good)).isEqualTo(HostKeyRepository.OK);
        assertThat(mode(kh)).isEqualTo("rw-------");
        assertThat(mode(kh.getParent())).isEqualTo("rwx------");
        assertThat(mode(kh.getParent().getParent())).isEqualTo("rwx------");
        assertThat(Files.readString(kh)).contains("h4 " + good);
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
