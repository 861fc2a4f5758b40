package dev.rigger.modules.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.Step;
import dev.rigger.spi.StepResult;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpensshKeypairModuleTest {
    private static final String PATH = "/etc/ssh/id_test";
    private static final String PUB = PATH + ".pub";
    private static final String LIST = "ssh-keygen -l -f " + PATH;
    private static final String DERIVE = "ssh-keygen -P  -y -f " + PATH;
    private static final String DATA = "AAAAB3NzaC1yc2EAAAADAQABAAABAQC";
    private final ModuleTester tester = ModuleTester.of(new OpensshKeypairModule());

    /** An rsa key of {@code bits} whose public key file says {@code comment} (null: no .pub). */
    private static ScriptedHost rsa(int bits, String comment) {
        ScriptedHost h = new ScriptedHost().dir("/etc/ssh", 0755)
                .file(PATH, "-----BEGIN OPENSSH PRIVATE KEY-----\n", 0600)
                .answer(LIST, 0, bits + " SHA256:abc " + (comment == null ? "no comment" : comment) + " (RSA)\n")
                .answer(DERIVE, 0, "ssh-rsa " + DATA + (comment == null || comment.isEmpty() ? "" : " " + comment) + "\n");
        return comment == null ? h : h.file(PUB, "ssh-rsa " + DATA + (comment.isEmpty() ? "" : " " + comment) + "\n", 0644);
    }

    /** The step that makes a new pair in a private folder beside the key: size, type and comment, then keep/new for the key and its .pub. */
    private static String generate(String sizeTypeComment, String keepOrNew) {
        return "sh -c " + OpensshKeypairModule.GENERATE + " openssh_keypair /etc/ssh " + sizeTypeComment + " " + PATH + " " + PUB + " " + keepOrNew;
    }

    private static ScriptedHost none() {
        return new ScriptedHost().dir("/etc/ssh", 0755).answer(LIST, 255, "").answer(DERIVE, 255, "");
    }

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new HashMap<>(Map.of("path", PATH));
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void registers_andDeclaresItsFirstProbes() {
        tester.assertRegistered();
        var p = tester.bind(params("size", 2048));
        tester.assertFirstProbesDeclared(p, new OpensshKeypairModule().firstProbes(p));
    }

    @Test
    void aMissingKey_isMadeBesideWithItsComment_andMovedIntoPlace_withTheTasksModeOnBothFiles() {
        Change c = tester.plan(params("size", 2048, "comment", "me@host", "mode", "0640"), none());
        assertThat(c.steps()).extracting(Step::describe).containsExactly(
                generate("2048 rsa me@host", "new new"),
                "chmod 640 -- " + PATH,
                "chmod 640 -- " + PUB,
                LIST,
                "cat -- " + PUB);
        assertThat(c.diffs()).extracting(Diff::subject).startsWith(PATH, PUB);
        assertThat(c.outputs()).containsEntry("filename", PATH).containsEntry("size", 2048).containsEntry("type", "rsa")
                .containsEntry("fingerprint", "").containsEntry("public_key", "").containsEntry("comment", "");
    }

    @Test
    void withoutAComment_theNewKeyHasNone_andEd25519IgnoresTheSize() {
        Change c = tester.plan(params("type", "ed25519", "size", 4096), none());
        assertThat(c.steps()).extracting(Step::describe).contains(generate("256 ed25519 ", "new new"));
        assertThat(c.outputs()).containsEntry("size", 256);
    }

    @Test
    void aFittingKey_isKept_andRegistersWhatItIs() {
        Change c = tester.plan(params("size", 2048, "comment", "me@host"), rsa(2048, "me@host"));
        assertThat(c.isNone()).isTrue();
        assertThat(c.outputs()).containsEntry("fingerprint", "SHA256:abc").containsEntry("public_key", "ssh-rsa " + DATA)
                .containsEntry("comment", "me@host").containsEntry("size", 2048);
        // no comment asked: the file's is kept
        assertThat(tester.plan(params("size", 2048), rsa(2048, "other")).isNone()).isTrue();
    }

    @Test
    void anotherSize_underPartialIdempotence_makesANewKey_keepingTheFilesModesAndOwners() {
        Change c = tester.plan(params("size", 4096), rsa(2048, ""));
        assertThat(c.steps()).extracting(Step::describe).startsWith(generate("4096 rsa ", "keep keep"));
        assertThat(c.diffs().get(0).before()).isEqualTo("rsa 2048-bit key SHA256:abc");
        assertThat(c.verifiable()).isTrue();
        // another type likewise
        assertThat(tester.plan(params("type", "ed25519"), rsa(2048, "")).steps()).extracting(Step::describe)
                .contains(generate("256 ed25519 ", "keep keep"));
    }

    @Test
    void anotherComment_rewritesThePublicKeyAndSetsTheComment_withoutANewKey() {
        Change c = tester.plan(params("size", 2048, "comment", "new one"), rsa(2048, "old"));
        assertThat(c.steps()).extracting(Step::describe).containsExactly("write " + PUB + " (" + ("ssh-rsa " + DATA + "\n").length() + " bytes)",
                "ssh-keygen -q -o -c -C new one -f " + PATH, "cat -- " + PUB);
        assertThat(c.steps().get(1)).isInstanceOfSatisfying(Step.Run.class, r -> assertThat(r.argv()).contains("new one"));
        assertThat(c.diffs()).singleElement().satisfies(d -> {
            assertThat(d.before()).isEqualTo("public key, comment 'old'");
            assertThat(d.after()).isEqualTo("public key, comment 'new one'");
        });
        // check mode registers what is there (as Ansible's); an apply reads the public key file again
        assertThat(c.outputs()).containsEntry("comment", "old").containsEntry("fingerprint", "SHA256:abc");
        // an empty comment: the public key is written without one, and ssh-keygen is not asked
        Change empty = tester.plan(params("size", 2048, "comment", ""), rsa(2048, "old"));
        assertThat(empty.steps()).extracting(Step::describe).containsExactly("write " + PUB + " (" + ("ssh-rsa " + DATA + "\n").length() + " bytes)", "cat -- " + PUB);
    }

    @Test
    void aMissingPublicKey_isWrittenFromThePrivateOne() {
        Change c = tester.plan(params("size", 2048), rsa(2048, null));
        assertThat(c.steps()).first().isInstanceOfSatisfying(Step.WriteFile.class, w -> {
            assertThat(w.path()).isEqualTo(PUB);
            assertThat(new String(w.content())).isEqualTo("ssh-rsa " + DATA + "\n");
            assertThat(w.mode()).isNull();
        });
        assertThat(c.diffs()).singleElement().satisfies(d -> assertThat(d.action()).isEqualTo(Diff.Action.CREATE));
    }

    @Test
    void aRewrittenPublicKey_isRegisteredFromTheFile_andTheReplanChangesNothing() {
        ScriptedHost h = rsa(2048, null).answer("cat -- " + PUB, 0, "ssh-rsa " + DATA + "\n");
        var run = tester.apply(params("size", 2048), h);
        assertThat(run.changed()).isTrue();
        assertThat(h.content(PUB)).isEqualTo("ssh-rsa " + DATA + "\n");
        assertThat(run.after().isNone()).isTrue();
        assertThat(new OpensshKeypairModule().outputs(tester.bind(params("size", 2048)), run.applied()))
                .containsEntry("public_key", "ssh-rsa " + DATA).containsEntry("comment", "");
    }

    @Test
    void theRegenerateRules_asTheModules() {
        assertThat(tester.plan(params("size", 4096, "regenerate", "never"), rsa(2048, "")).isNone()).isTrue();
        assertThatThrownBy(() -> tester.plan(params("size", 4096, "regenerate", "fail"), rsa(2048, "")))
                .hasMessageStartingWith("Key has wrong type and/or size. Will not proceed.");
        assertThat(tester.plan(params("size", 2048, "regenerate", "fail"), rsa(2048, "")).isNone()).isTrue();
        Change always = tester.plan(params("size", 2048, "regenerate", "always"), rsa(2048, ""));
        assertThat(always.isNone()).isFalse();
        assertThat(always.verifiable()).isFalse();
        assertThat(tester.plan(params("size", 2048, "force", true), rsa(2048, "")).verifiable()).isFalse();
    }

    @Test
    void anUnreadableKey_fails_unlessFullIdempotenceOrAlways() {
        ScriptedHost broken = new ScriptedHost().dir("/etc/ssh", 0755).file(PATH, "garbage\n", 0600)
                .answer(LIST, 255, "").answer(DERIVE, 255, "");
        assertThatThrownBy(() -> tester.plan(params("size", 2048), broken)).hasMessageStartingWith("Unable to read the key.");
        assertThatThrownBy(() -> tester.plan(params("size", 2048, "regenerate", "never"), broken)).hasMessageStartingWith("Unable to read the key.");
        Change full = tester.plan(params("size", 2048, "regenerate", "full_idempotence"), broken);
        assertThat(full.diffs().get(0).before()).isEqualTo("not a key ssh-keygen reads");
    }

    @Test
    void absent_removesBothFiles_andRegistersWhatWasThere() {
        Change c = tester.plan(params("state", "absent", "size", 2048), rsa(2048, "x"));
        assertThat(c.steps()).extracting(Step::describe).containsExactly("rm -f -- " + PATH + " " + PUB);
        assertThat(c.outputs()).containsEntry("fingerprint", "SHA256:abc").containsEntry("comment", "x");
        assertThat(tester.plan(params("state", "absent"), none()).isNone()).isTrue();
        // the size is checked whatever the state, as the module does
        assertThatThrownBy(() -> tester.plan(params("state", "absent", "size", 512), none())).hasMessageStartingWith("For RSA keys, the minimum size is 1024 bits");
    }

    @Test
    void sizesTheModuleRefuses_areRefusedWithItsWords() {
        assertThatThrownBy(() -> tester.plan(params("type", "dsa", "size", 2048), none())).hasMessage("DSA keys must be exactly 1024 bits as specified by FIPS 186-2.");
        assertThatThrownBy(() -> tester.plan(params("type", "ecdsa", "size", 300), none())).hasMessageStartingWith("For ECDSA keys, size determines");
        assertThat(tester.plan(params("type", "ecdsa"), none()).outputs()).containsEntry("size", 256);
        assertThat(tester.plan(params("type", "dsa"), none()).outputs()).containsEntry("size", 1024);
        assertThat(tester.plan(params(), none()).outputs()).containsEntry("size", 4096);
    }

    @Test
    void whatOnlyTheCryptographyBackendDoes_isRefused_andThePassphraseNeverReachesAStep() {
        assertThatThrownBy(() -> tester.plan(params("passphrase", "s3cret"), none())).hasMessageStartingWith("passphrase: community.crypto encrypts")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
        assertThatThrownBy(() -> tester.plan(params("backend", "cryptography"), none())).hasMessageContaining("not built into Rigger");
        assertThatThrownBy(() -> tester.plan(params("private_key_format", "pkcs8"), none()))
                .hasMessage("'auto' is the only valid option for 'private_key_format' when 'backend' is not 'cryptography'");
        assertThat(tester.plan(params("passphrase", "", "backend", "opensshbin"), none()).isNone()).isFalse();
        assertThat(tester.problems(params("comment", "two\nlines"))).isNotEmpty();
    }

    @Test
    void aMissingFolderOrADirectory_fails_asAnsible() {
        assertThatThrownBy(() -> tester.plan(params(), new ScriptedHost().answer(LIST, 255, "").answer(DERIVE, 255, "")))
                .hasMessage("The directory /etc/ssh does not exist or the file is not a directory");
        assertThatThrownBy(() -> tester.plan(params(), none().dir(PATH, 0755))).hasMessage(PATH + " is a directory. Please specify a path to a file.");
    }

    @Test
    void theNewKeysValues_areRegisteredFromTheLastSteps() {
        var p = tester.bind(params("size", 2048));
        Map<String, Object> out = new OpensshKeypairModule().outputs(p, List.of(
                new StepResult(Step.Run.of("ssh-keygen", "-l", "-f", PATH), 0, "2048 SHA256:new c (RSA)\n", ""),
                new StepResult(Step.Run.of("cat", "--", PUB), 0, "ssh-rsa AAAAnew my comment\n", "")));
        assertThat(out).containsEntry("fingerprint", "SHA256:new").containsEntry("public_key", "ssh-rsa AAAAnew").containsEntry("comment", "my comment");
    }

    @Test
    void theModulesParsing_ofSshKeygenAndPublicKeyFiles() {
        assertThat(OpensshKeypairModule.publicKeyFile("ssh-ed25519 AAAA\n")).isEqualTo(new OpensshKeypairModule.PublicKey("ssh-ed25519", "AAAA", ""));
        assertThat(OpensshKeypairModule.publicKeyFile(" ssh-ed25519 AAAA a  b \n")).isEqualTo(new OpensshKeypairModule.PublicKey("ssh-ed25519", "AAAA", "a  b"));
        assertThat(OpensshKeypairModule.publicKeyFile("junk\n")).isNull();
        assertThat(OpensshKeypairModule.privateKey(dev.rigger.spi.ProbeResult.of(0, "256 SHA256:x root@h (ED25519)\n".getBytes(), "")))
                .isEqualTo(new OpensshKeypairModule.PrivateKey(256, "ed25519", "SHA256:x"));
        assertThat(OpensshKeypairModule.privateKey(dev.rigger.spi.ProbeResult.of(255, new byte[0], "not a key"))).isNull();
    }

    @Test
    void aNewKey_isNeverWrittenUnderAPredictableNameBesideIt() {
        for (Change c : List.of(tester.plan(params("size", 2048), none()), tester.plan(params("size", 4096), rsa(2048, "")))) {
            for (Step s : c.steps()) {
                List<String> words = ((Step.Run) s).argv();
                assertThat(words.stream().filter(w -> w.startsWith("/etc/ssh/"))).as(s.describe()).allMatch(w -> w.equals(PATH) || w.equals(PUB));
            }
        }
    }

    /** GENERATE run by this machine's sh, with an ssh-keygen that writes {@code -f} and {@code -f}.pub (or fails when {@code fails}). */
    private static int generateHere(Path bin, Path dir, boolean fails, String keep) throws Exception {
        Path keygen = bin.resolve("ssh-keygen");
        Files.writeString(keygen, fails ? "#!/bin/sh\necho broken >&2; exit 3\n"
                : "#!/bin/sh\nwhile [ $# -gt 0 ]; do case $1 in -f) f=$2;; -C) c=$2;; esac; shift; done\n"
                + "(umask 077; echo \"private $c\" >\"$f\") && echo \"ssh-rsa AAAA $c\" >\"$f.pub\"\n");
        Files.setPosixFilePermissions(keygen, PosixFilePermissions.fromString("rwx------"));
        String key = dir.resolve("id_test").toString();
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", OpensshKeypairModule.GENERATE, "openssh_keypair", dir.toString(), "2048", "rsa",
                "me $(touch " + dir + "/canary)", key, key + ".pub", keep, keep).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process proc = pb.start();
        proc.getInputStream().readAllBytes();
        return proc.waitFor();
    }

    private static List<String> names(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void generate_onTheHostsShell_movesThePairIntoPlace_andLeavesNoFolderBehind(@TempDir Path tmp) throws Exception {
        Path bin = Files.createDirectory(tmp.resolve("bin"));
        Path dir = Files.createDirectory(tmp.resolve("ssh"));
        assertThat(generateHere(bin, dir, false, "new")).isZero();
        assertThat(names(dir)).containsExactly("id_test", "id_test.pub");
        assertThat(Files.readString(dir.resolve("id_test"))).isEqualTo("private me $(touch " + dir + "/canary)\n");
        assertThat(Files.getPosixFilePermissions(dir.resolve("id_test"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        // a key replaced keeps its mode (and owners)
        Files.setPosixFilePermissions(dir.resolve("id_test"), PosixFilePermissions.fromString("r--r-----"));
        assertThat(generateHere(bin, dir, false, "keep")).isZero();
        assertThat(names(dir)).containsExactly("id_test", "id_test.pub");
        assertThat(Files.getPosixFilePermissions(dir.resolve("id_test"))).isEqualTo(PosixFilePermissions.fromString("r--r-----"));
    }

    @Test
    void generate_whenSshKeygenFails_failsAndLeavesNoFolderBehind(@TempDir Path tmp) throws Exception {
        Path bin = Files.createDirectory(tmp.resolve("bin"));
        Path dir = Files.createDirectory(tmp.resolve("ssh"));
        assertThat(generateHere(bin, dir, true, "new")).isEqualTo(3);
        assertThat(names(dir)).isEmpty();
    }
}
