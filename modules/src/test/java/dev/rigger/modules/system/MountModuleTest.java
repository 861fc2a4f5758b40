package dev.rigger.modules.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import dev.rigger.testkit.TestParams;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MountModuleTest {
    private static final String ROOT = "1015 1014 254:0 / / rw,relatime - ext4 /dev/vda rw\n"
            + "1063 1015 0:358 / /opt rw,relatime - overlay lab-opt rw,lowerdir=/opt\n";
    private static final String TMPFS = "5445 1063 0:1840 / /opt/a rw,relatime - tmpfs tmpfs rw,size=1024k\n";
    private static final String BIND = "5446 1063 0:358 /src /opt/a rw,relatime - overlay lab-opt rw,lowerdir=/opt\n";
    private static final String LINE = "tmpfs /opt/a tmpfs size=1m 0 0\n";
    private final MountModule m = new MountModule();

    private TestParams params(Object... kv) {
        return TestParams.of(m.spec(), kv);
    }

    /** A host with this fstab (null: none), these extra mountinfo lines and /opt/a as a folder or not. */
    private static ScriptedHost host(String fstab, String mounts, boolean pointExists) {
        ScriptedHost h = new ScriptedHost().file("/proc/self/mountinfo", ROOT + mounts, 0444);
        if (fstab != null) h.file("/etc/fstab", fstab, 0644);
        if (pointExists) h.dir("/opt/a", 0755);
        return h;
    }

    private static String written(Change c) {
        return c.steps().stream().filter(s -> s instanceof Step.WriteFile).map(s -> new String(((Step.WriteFile) s).content(), StandardCharsets.UTF_8))
                .findFirst().orElse(null);
    }

    private static List<List<String>> runs(Change c) {
        return c.steps().stream().filter(s -> s instanceof Step.Run).map(s -> ((Step.Run) s).argv()).toList();
    }

    /** Expected texts and verdicts are what ansible.posix's own _set_mount_save_old and unset_mount return for these inputs. */
    @Test
    void fstabEdits_areAnsiblesByteForByte() {
        assertThat(new FstabEdit("").set(new FstabEdit.Entry("tmpfs", "/opt/a", "tmpfs", "size=1m", "0", "0"))).isEqualTo("tmpfs /opt/a tmpfs size=1m 0 0\n");
        assertThat(new FstabEdit("# c\n/dev/sda1 / ext4 defaults 0 1").set(new FstabEdit.Entry("tmpfs", "/opt/a", "tmpfs", "defaults", "0", "0"))).isEqualTo("# c\n/dev/sda1 / ext4 defaults 0 1\ntmpfs /opt/a tmpfs defaults 0 0\n");
        assertThat(new FstabEdit("tmpfs /opt/a tmpfs size=1m 0 0\n").set(new FstabEdit.Entry("tmpfs", "/opt/a", "tmpfs", "size=1m", "0", "0"))).isEqualTo(null);
        assertThat(new FstabEdit("tmpfs\t/opt/a   tmpfs size=1m 0 0\n").set(new FstabEdit.Entry("tmpfs", "/opt/a", "tmpfs", "size=2m", "0", "0"))).isEqualTo("tmpfs /opt/a tmpfs size=2m 0 0\n");
        assertThat(new FstabEdit("tmpfs /opt/a tmpfs size=1m\n").set(new FstabEdit.Entry("tmpfs", "/opt/a", "tmpfs", "size=1m", "0", "0"))).isEqualTo("tmpfs /opt/a tmpfs size=1m 0 0\n");
        assertThat(new FstabEdit("x /opt/a tmpfs size=1m 0 0\ntmpfs /opt/a  tmpfs size=1m 0 0\n").set(new FstabEdit.Entry("tmpfs", "/opt/a", "tmpfs", "size=1m", "0", "0"))).isEqualTo("tmpfs /opt/a tmpfs size=1m 0 0\ntmpfs /opt/a tmpfs size=1m 0 0\n");
        assertThat(new FstabEdit("a\r\nb\r\n").set(new FstabEdit.Entry("/my dir&x\\y", "/opt/a b", "none", "bind", "0", "0"))).isEqualTo("a\nb\n/my\\040dir\\046x\\134y /opt/a\\040b none bind 0 0\n");
        assertThat(new FstabEdit("/s\\040d /opt/a\\040b none bind 0 0\n").set(new FstabEdit.Entry("/s d", "/opt/a b", "none", "bind", "0", "0"))).isEqualTo(null);
        assertThat(new FstabEdit("/dev/sdb none swap sw 0 0\n").set(new FstabEdit.Entry("/dev/sdc", "none", "swap", "sw", "0", "0"))).isEqualTo("/dev/sdb none swap sw 0 0\n/dev/sdc none swap sw 0 0\n");
        assertThat(new FstabEdit("# c\ntmpfs /opt/a tmpfs size=1m 0 0\n/dev/sda1 / ext4 defaults 0 1").unset("/opt/a", null)).isEqualTo("# c\n/dev/sda1 / ext4 defaults 0 1");
        assertThat(new FstabEdit("tmpfs /opt/a tmpfs size=1m\n").unset("/opt/a", null)).isEqualTo(null);
        assertThat(new FstabEdit("tmpfs /opt/a tmpfs size=1m 0 0\n").unset("/opt/b", null)).isEqualTo(null);
        assertThat(new FstabEdit("/dev/sdb none swap sw 0 0\n/dev/sdc none swap sw 0 0\n").unset("none", "/dev/sdc")).isEqualTo("/dev/sdb none swap sw 0 0\n");
    }

    @Test
    void mounted_onAFreshHost_makesThePoint_writesTheEntry_thenMounts() {
        Change c = m.plan(params("path", "/opt/a", "src", "tmpfs", "fstype", "tmpfs", "opts", "size=1m", "state", "mounted"), host("# c\n", "", false));
        assertThat(written(c)).isEqualTo("# c\n" + LINE);
        assertThat(runs(c)).containsExactly(List.of("mkdir", "-p", "--", "/opt/a"), List.of("mount", "/opt/a"));
        assertThat(c.steps().get(1)).isInstanceOf(Step.WriteFile.class);
        assertThat(c.outputs()).containsEntry("name", "/opt/a").containsEntry("opts", "size=1m").containsEntry("boot", "yes")
                .containsEntry("dump", "0").containsEntry("fstab", "/etc/fstab").containsEntry("src", "tmpfs");
    }

    @Test
    void mounted_inOneRoundTrip_andNoneOnceApplied() {
        ScriptedHost h = host(LINE, TMPFS, true);
        assertThat(m.plan(params("path", "/opt/a", "src", "tmpfs", "fstype", "tmpfs", "opts", "size=1m", "state", "mounted"), h).isNone()).isTrue();
        assertThat(h.roundTrips()).containsExactly(3);
        ModuleTester.of(m).plan(Map.of("path", "/opt/a", "src", "tmpfs", "fstype", "tmpfs", "opts", "size=1m", "state", "mounted"), host(LINE, TMPFS, true));
    }

    @Test
    void mounted_withOtherOptions_remountsWithAnsiblesFallback_andAnotherFstabIsPassedAsT() {
        ScriptedHost h = host(null, TMPFS, true).file("/etc/rd/fstab", LINE, 0644);
        Change c = m.plan(params("path", "/opt/a", "src", "tmpfs", "fstype", "tmpfs", "opts", "size=2m", "state", "mounted", "fstab", "/etc/rd/fstab"), h);
        assertThat(written(c)).isEqualTo("tmpfs /opt/a tmpfs size=2m 0 0\n");
        assertThat(runs(c)).singleElement().satisfies(argv -> {
            assertThat(argv.subList(0, 2)).containsExactly("sh", "-c");
            assertThat(argv.subList(3, argv.size())).containsExactly("sh", "/opt/a", "-T", "/etc/rd/fstab");
        });
    }

    @Test
    void present_andAbsentFromFstab_onlyEditTheFile() {
        assertThat(runs(m.plan(params("path", "/opt/a", "src", "tmpfs", "fstype", "tmpfs", "state", "present"), host(null, "", false))))
                .containsExactly(List.of("mkdir", "-p", "--", "/etc"));
        Change gone = m.plan(params("path", "/opt/a", "state", "absent_from_fstab"), host("# c\n" + LINE, TMPFS, true));
        assertThat(written(gone)).isEqualTo("# c\n");
        assertThat(runs(gone)).isEmpty();
    }

    @Test
    void absent_unmountsAndRemovesThePoint_onlyWhenTheEntryWasThere() {
        Change c = m.plan(params("path", "/opt/a", "state", "absent"), host(LINE, TMPFS, true));
        assertThat(written(c)).isEmpty();
        assertThat(runs(c)).containsExactly(List.of("umount", "/opt/a"), List.of("rmdir", "--", "/opt/a"));
        assertThat(m.plan(params("path", "/opt/a", "state", "absent"), host("", TMPFS, true)).isNone()).isTrue();
    }

    @Test
    void unmounted_andEphemeral_followTheMountTable() {
        assertThat(runs(m.plan(params("path", "/opt/a", "state", "unmounted"), host(LINE, BIND, true)))).containsExactly(List.of("umount", "/opt/a"));
        assertThat(m.plan(params("path", "/opt/a", "state", "unmounted"), host(LINE, "", true)).isNone()).isTrue();
        Change e = m.plan(params("path", "/opt/a", "src", "tmpfs", "fstype", "tmpfs", "opts", "size=1m", "state", "ephemeral"), host(null, "", true));
        assertThat(runs(e)).containsExactly(List.of("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", "/opt/a"));
        assertThat(written(e)).isNull();
        Change again = m.plan(params("path", "/opt/a", "src", "/opt/src", "fstype", "none", "opts", "bind", "state", "ephemeral"), host(null, BIND, true));
        assertThat(again.isNone()).isFalse();
        assertThat(again.verifiable()).isFalse();
        assertThatThrownBy(() -> m.plan(params("path", "/opt/a", "src", "/other", "fstype", "none", "state", "ephemeral"), host(null, BIND, true)))
                .isInstanceOf(ModuleException.class).hasMessageContaining("already mounted with a different source");
    }

    @Test
    void remounted_withOptions_hasNoFallback_andBootFalseAddsNoauto() {
        Change c = m.plan(params("path", "/opt/a", "opts", "size=3m", "state", "remounted"), host(LINE, TMPFS, true));
        assertThat(runs(c)).containsExactly(List.of("mount", "-o", "remount,size=3m", "/opt/a"));
        Change nb = m.plan(params("path", "/opt/a", "src", "tmpfs", "fstype", "tmpfs", "opts", "size=1m", "boot", false, "state", "present"), host("", "", true));
        assertThat(written(nb)).isEqualTo("tmpfs /opt/a tmpfs size=1m,noauto 0 0\n");
        assertThat(nb.outputs()).containsEntry("boot", "no");
        Change defaults = m.plan(params("path", "/opt/a", "src", "tmpfs", "fstype", "tmpfs", "boot", false, "state", "present"), host("", "", true));
        assertThat(written(defaults)).isEqualTo("tmpfs /opt/a tmpfs defaults 0 0\n");
    }

    @Test
    void mountinfo_bindSources_andEscapedPoints_areReadAsAnsibleDoes() {
        MountInfo mi = MountInfo.parse(ROOT + BIND + "7 1063 0:5 / /opt/x\\040y rw - tmpfs tmpfs rw\n");
        assertThat(mi.at("/opt/a").src()).isEqualTo("/opt/src");
        assertThat(mi.isMounted("/opt/x y")).isTrue();
        assertThat(mi.at("/").src()).isEqualTo("/dev/vda");
    }

    @ParameterizedTest
    @ValueSource(strings = {"src=-oremount", "fstype=-x", "src=a\tb", "opts=a\tb", "dump=0\t1"})
    void hostileValues_areRefusedBeforeAnyProbe(String kv) {
        String[] p = kv.split("=", 2);
        ScriptedHost h = host(LINE, "", true);
        TestParams args = params("path", "/opt/a", "src", "tmpfs", "fstype", "tmpfs", "state", "mounted", p[0], p[1]);
        assertThatThrownBy(() -> m.plan(args, h)).isInstanceOf(ModuleException.class);
        assertThat(h.asked()).isEmpty();
    }

    @Test
    void shellSyntax_isLiteral_inTheFileAndTheArgv() {
        String src = "/opt/$(touch /x) `id`;y";
        Change c = m.plan(params("path", "/opt/a", "src", src, "fstype", "none", "opts", "bind", "state", "mounted"), host("", "", true));
        assertThat(written(c)).isEqualTo("/opt/$(touch\\040/x)\\040`id`;y /opt/a none bind 0 0\n");
        assertThat(runs(c)).containsExactly(List.of("mount", "/opt/a"));
    }

    @Test
    void stateIsRequired_andMountedNeedsSrcAndFstype() {
        ModuleTester t = ModuleTester.of(m);
        assertThat(t.problems(Map.of("path", "/opt/a", "state", "mounted", "src", "x"))).containsExactly("module 'mount': state=mounted needs src, fstype (missing: fstype)");
        assertThat(t.problems(Map.of("path", "/opt/a", "state", "unmounted"))).isEmpty();
    }
}
