package dev.rigger.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Probe;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import dev.rigger.testkit.TestParams;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** copy with remote_src: a file by checksum (read only when it differs), a folder mirrored with Ansible's trailing-slash rule. */
class CopyRemoteSrcTest {
    private static final String HOSTILE = "x $(touch hfcanary) `id`;'.txt";
    private final CopyModule m = new CopyModule();

    private TestParams params(Object... kv) {
        return TestParams.of(m.spec(), kv);
    }

    private static String find(String root) {
        return String.join(" ", ((Probe.Run) TreeListing.probe(root)).argv());
    }

    private static String sums(String root) {
        return "find " + root + " -type f -exec sha256sum -z -- {} +";
    }

    private static String entries(String... rows) {
        StringBuilder sb = new StringBuilder();
        for (String row : rows) for (String f : row.split("\\|", -1)) sb.append(f).append('\0');
        return sb.toString();
    }

    private static String sum(String hash, String path) {
        return hash.repeat(64).substring(0, 64) + "  " + path + "\0";
    }

    private static List<List<String>> argvs(Change c) {
        return c.steps().stream().filter(Step.Run.class::isInstance).map(s -> ((Step.Run) s).argv()).toList();
    }

    @Test
    void file_sameChecksum_isNone_andNothingIsRead() {
        ScriptedHost h = new ScriptedHost().dir("/etc", 0755).file("/etc/a", "x\n", 0600).file("/etc/b", "x\n", 0644)
                .answer("sha1sum -- /etc/a", 0, "abc  /etc/a\n");
        Change c = m.plan(params("src", "/etc/a", "dest", "/etc/b", "remote_src", true), h);
        assertThat(c.isNone()).isTrue();
        assertThat(c.outputs()).containsEntry("checksum", "abc").containsEntry("dest", "/etc/b").containsEntry("src", "/etc/a");
        assertThat(h.asked()).noneMatch(Probe.Read.class::isInstance);
        assertThat(h.roundTrips()).containsExactly(4);
    }

    @Test
    void file_differs_isReadOnTheHost_andWrittenWithBackup_converging() {
        ScriptedHost h = new ScriptedHost().dir("/etc", 0755).file("/etc/a", "new\n", 0600).file("/etc/b", "old\n", 0640)
                .answer("sha1sum -- /etc/a", 0, "abc  /etc/a\n");
        TestParams p = params("src", "/etc/a", "dest", "/etc/b", "remote_src", true, "backup", true, "mode", "g+r");
        Change c = m.plan(p, h);
        Step.WriteFile w = FileSteps.write(c);
        assertThat(new String(w.content(), StandardCharsets.UTF_8)).isEqualTo("new\n");
        assertThat(w.backup()).isTrue();
        assertThat(w.mode()).isEqualTo(0640);
        FileSteps.apply(h, c);
        assertThat(m.plan(p, h).isNone()).isTrue();
    }

    @Test
    void file_intoAFolder_keepsItsName() {
        ScriptedHost h = new ScriptedHost().dir("/etc", 0755).dir("/opt", 0755).file("/etc/" + HOSTILE, "x\n", 0600)
                .answer("sha1sum -- /etc/" + HOSTILE, 0, "abc  -\n");
        Change c = m.plan(params("src", "/etc/" + HOSTILE, "dest", "/opt", "remote_src", true), h);
        assertThat(FileSteps.write(c).path()).isEqualTo("/opt/" + HOSTILE);
        assertThat(c.outputs()).containsEntry("dest", "/opt/" + HOSTILE);
    }

    @Test
    void missingOrRelativeSource_failsSaying() {
        assertThatThrownBy(() -> m.plan(params("src", "/nope", "dest", "/etc/b", "remote_src", true), new ScriptedHost()))
                .isInstanceOf(ModuleException.class).hasMessage("Source /nope not found");
        assertThatThrownBy(() -> m.plan(params("src", "rel", "dest", "/etc/b", "remote_src", true), new ScriptedHost()))
                .isInstanceOf(ModuleException.class).hasMessageContaining("absolute path on the host");
        assertThat(ModuleTester.of(m).problems(Map.of("content", "x", "dest", "/etc/b", "remote_src", true))).isNotEmpty();
    }

    /** src/ into an existing folder: what is missing or differs is copied with the source's mode, the rest stays. */
    @Test
    void folderContent_intoAFolder_copiesWhatDiffers_andLinksAsLinks() {
        ScriptedHost h = new ScriptedHost().dir("/s", 0755).dir("/d", 0700)
                .answer(find("/s"), 0, entries("f|640|root|root||/s/a", "f|600|root|root||/s/" + HOSTILE, "d|710|root|root||/s/sub",
                        "l|777|root|root|../a|/s/sub/l", "f|644|root|root||/s/same"))
                .answer(sums("/s"), 0, sum("1", "/s/a") + sum("2", "/s/" + HOSTILE) + sum("3", "/s/same"))
                .answer(find("/d"), 0, entries("f|600|root|root||/d/a", "f|644|root|root||/d/same", "f|644|root|root||/d/extra"))
                .answer(sums("/d"), 0, sum("9", "/d/a") + sum("3", "/d/same") + sum("4", "/d/extra"));
        Change c = m.plan(params("src", "/s/", "dest", "/d", "remote_src", true), h);
        assertThat(argvs(c)).containsExactly(
                List.of("cp", "--preserve=mode", "--", "/s/a", "/d/a"),
                List.of("cp", "--preserve=mode", "--", "/s/" + HOSTILE, "/d/" + HOSTILE),
                List.of("mkdir", "-m", "710", "--", "/d/sub"),
                List.of("ln", "-s", "--", "../a", "/d/sub/l"));
        assertThat(c.outputs()).containsEntry("dest", "/d");
    }

    @Test
    void folderContent_converged_isNone() {
        ScriptedHost h = new ScriptedHost().dir("/s", 0755).dir("/d", 0700)
                .answer(find("/s"), 0, entries("f|640|root|root||/s/a")).answer(sums("/s"), 0, sum("1", "/s/a"))
                .answer(find("/d"), 0, entries("f|600|root|root||/d/a")).answer(sums("/d"), 0, sum("1", "/d/a"));
        assertThat(m.plan(params("src", "/s/", "dest", "/d", "remote_src", true), h).isNone()).isTrue();
    }

    /** src without a slash into an existing folder: the folder itself is made there, with its mode; owner goes to the whole tree. */
    @Test
    void folder_intoAFolder_isMadeInside_andOwnedThroughout() {
        ScriptedHost h = new ScriptedHost().dir("/s", 0750).dir("/d", 0755)
                .answer(find("/s"), 0, entries("f|640|root|root||/s/a")).answer(sums("/s"), 0, sum("1", "/s/a"));
        Change c = m.plan(params("src", "/s", "dest", "/d", "remote_src", true, "owner", "app", "mode", "0700"), h);
        assertThat(argvs(c)).containsExactly(
                List.of("mkdir", "-m", "750", "--", "/d/s"),
                List.of("cp", "--preserve=mode", "--", "/s/a", "/d/s/a"),
                List.of("chown", "-h", "--", "app", "/d/s", "/d/s/a"),
                List.of("chmod", "700", "--", "/d/s"));
        assertThat(c.outputs()).containsEntry("dest", "/d/s");
    }

    /** src without a slash to a path not there: Ansible makes dest/NAME with makedirs, and the mode goes to dest. */
    @Test
    void folder_toANewPath_isMadeUnderIt_asAnsible() {
        ScriptedHost h = new ScriptedHost().dir("/s", 0750).dir("/opt", 0755)
                .answer(find("/s"), 0, entries("f|640|root|root||/s/a")).answer(sums("/s"), 0, sum("1", "/s/a"));
        Change c = m.plan(params("src", "/s", "dest", "/opt/new", "remote_src", true, "mode", "0700"), h);
        assertThat(argvs(c)).containsExactly(
                List.of("mkdir", "-p", "--", "/opt/new/s"),
                List.of("cp", "--preserve=mode", "--", "/s/a", "/opt/new/s/a"),
                List.of("chmod", "700", "--", "/opt/new"));
    }

    @Test
    void firstProbes_areWhatPlanAsksFirst() {
        ScriptedHost h = new ScriptedHost().dir("/etc", 0755).file("/etc/a", "x\n", 0600).answer("sha1sum -- /etc/a", 0, "abc  /etc/a\n");
        ModuleTester.of(m).plan(Map.of("src", "/etc/a", "dest", "/etc/b", "remote_src", true), h);
    }
}
