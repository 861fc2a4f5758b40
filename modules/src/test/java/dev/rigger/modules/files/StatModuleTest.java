package dev.rigger.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.spi.Change;
import dev.rigger.spi.Probe;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatModuleTest {
    private static final String FMT = "%f\t%u\t%g\t%U\t%G\t%s\t%i\t%d\t%h\t%X\t%Y\t%Z";
    private final ModuleTester tester = ModuleTester.of(new StatModule());

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stat(Change c) {
        assertThat(c.isNone()).isTrue();
        return (Map<String, Object>) c.outputs().get("stat");
    }

    @Test
    void regularFile_reportsAnsiblesFields_inOneRoundTrip() {
        ScriptedHost h = new ScriptedHost()
                .answer("stat -c " + FMT + " -- /etc/app.conf", 0, "81a4\t0\t10\troot\twheel\t12\t99\t2049\t1\t1700000000\t1700000001\t1700000002\n")
                .answer("test -r /etc/app.conf", 0, "")
                .answer("sha1sum -- /etc/app.conf", 0, "da39a3ee5e6b4b0d3255bfef95601890afd80709  /etc/app.conf\n")
                .answer("file -i -b -- /etc/app.conf", 0, "text/plain; charset=us-ascii\n");
        Map<String, Object> s = stat(tester.plan(Map.of("path", "/etc/app.conf"), h));
        assertThat(s).containsEntry("exists", true).containsEntry("mode", "0644").containsEntry("isreg", true)
                .containsEntry("isdir", false).containsEntry("pw_name", "root").containsEntry("gr_name", "wheel")
                .containsEntry("gid", 10).containsEntry("size", 12L).containsEntry("readable", true).containsEntry("writeable", false)
                .containsEntry("rusr", true).containsEntry("wusr", true).containsEntry("xusr", false).containsEntry("roth", true)
                .containsEntry("checksum", "da39a3ee5e6b4b0d3255bfef95601890afd80709")
                .containsEntry("mimetype", "text/plain").containsEntry("charset", "us-ascii").containsEntry("mtime", 1700000001.0)
                .doesNotContainKey("lnk_target");
        assertThat(h.roundTrips()).containsExactly(8);
    }

    @Test
    void missingPath_existsFalse() {
        Map<String, Object> s = stat(tester.plan(Map.of("path", "/nope"), new ScriptedHost().answer("stat -c " + FMT + " -- /nope", 1, "")));
        assertThat(s).isEqualTo(Map.of("exists", false));
    }

    @Test
    void link_notFollowed_reportsTargetAndNoChecksum() {
        ScriptedHost h = new ScriptedHost()
                .answer("stat -c " + FMT + " -- /l", 0, "a1ff\t0\t0\troot\troot\t4\t1\t1\t1\t1\t1\t1\n")
                .answer("readlink -- /l", 0, "t\n").answer("realpath -m -- /l", 0, "/t\n")
                .answer("sha1sum -- /l", 0, "abc  /l\n");
        Map<String, Object> s = stat(tester.plan(Map.of("path", "/l", "get_mime", false), h));
        assertThat(s).containsEntry("islnk", true).containsEntry("mode", "0777").containsEntry("lnk_target", "t")
                .containsEntry("lnk_source", "/t").doesNotContainKey("checksum");
    }

    @Test
    void follow_andAlgorithm_areInTheArgv() {
        ScriptedHost h = new ScriptedHost().answer("stat -L -c " + FMT + " -- /l", 1, "");
        tester.plan(Map.of("path", "/l", "follow", true, "checksum_algorithm", "sha256", "get_mime", false), h);
        assertThat(h.asked()).contains(new Probe.Run(List.of("sha256sum", "--", "/l")));
    }

    @Test
    void hostilePath_isOneArgument() {
        String evil = "/tmp/x $(touch /tmp/canary) `id`; '\"";
        ScriptedHost h = new ScriptedHost();
        tester.plan(Map.of("path", evil), h);
        assertThat(h.asked()).allSatisfy(p -> assertThat(((Probe.Run) p).argv()).contains(evil));
    }

    @Test
    void aliases_ofAnsible_bind() {
        assertThat(tester.problems(Map.of("dest", "/x", "checksum_algo", "md5", "mime", false))).isEmpty();
        assertThat(tester.problems(Map.of("path", "/x", "checksum_algorithm", "crc"))).isNotEmpty();
    }
}
