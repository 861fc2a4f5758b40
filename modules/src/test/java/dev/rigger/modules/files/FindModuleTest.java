package dev.rigger.modules.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.spi.Change;
import dev.rigger.spi.Probe;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindModuleTest {
    private static final String FMT = "%y\t%m\t%U\t%G\t%u\t%g\t%s\t%i\t%D\t%n\t%A@\t%T@\t%C@\t%p\\0";
    private final ModuleTester tester = ModuleTester.of(new FindModule());

    private static String entry(char type, String mode, long size, String path) {
        return type + "\t" + mode + "\t0\t0\troot\troot\t" + size + "\t1\t2\t1\t1.5\t1.5\t1.5\t" + path + "\0";
    }

    private static final String LISTING = entry('f', "644", 10, "/d/a.conf") + entry('f', "600", 5000, "/d/b.conf")
            + entry('f', "644", 1, "/d/.hidden.conf") + entry('d', "755", 4096, "/d/sub") + entry('l', "777", 5, "/d/l.conf")
            + entry('f', "644", 1, "/d/c.ini");

    @SuppressWarnings("unchecked")
    private List<String> found(Map<String, Object> params) {
        ScriptedHost h = new ScriptedHost().answer("find -P /d -mindepth 1 -maxdepth 1 -printf " + FMT, 0, LISTING);
        Change c = tester.plan(params, h);
        assertThat(c.isNone()).isTrue();
        assertThat(c.outputs()).containsEntry("examined", 6);
        return ((List<Map<String, Object>>) c.outputs().get("files")).stream().map(f -> (String) f.get("path")).toList();
    }

    @Test
    void filters_asAnsibleDoes() {
        assertThat(found(Map.of("paths", List.of("/d")))).containsExactly("/d/a.conf", "/d/b.conf", "/d/c.ini");
        assertThat(found(Map.of("paths", List.of("/d"), "patterns", List.of("*.conf")))).containsExactly("/d/a.conf", "/d/b.conf");
        assertThat(found(Map.of("paths", List.of("/d"), "patterns", List.of("*.conf"), "hidden", true)))
                .containsExactly("/d/a.conf", "/d/b.conf", "/d/.hidden.conf");
        assertThat(found(Map.of("paths", List.of("/d"), "patterns", List.of("*.conf"), "excludes", List.of("b*")))).containsExactly("/d/a.conf");
        assertThat(found(Map.of("paths", List.of("/d"), "patterns", List.of("[ab]\\."), "use_regex", true))).containsExactly("/d/a.conf", "/d/b.conf");
        assertThat(found(Map.of("paths", List.of("/d"), "size", "1k"))).containsExactly("/d/b.conf");
        assertThat(found(Map.of("paths", List.of("/d"), "size", "-10b"))).containsExactly("/d/a.conf", "/d/c.ini");
        assertThat(found(Map.of("paths", List.of("/d"), "file_type", "directory"))).containsExactly("/d/sub");
        assertThat(found(Map.of("paths", List.of("/d"), "file_type", "link"))).containsExactly("/d/l.conf");
        assertThat(found(Map.of("paths", List.of("/d"), "file_type", "any", "patterns", List.of("?.*")))).hasSize(4);
        assertThat(found(Map.of("paths", List.of("/d"), "age", "1d"))).hasSize(3);
        assertThat(found(Map.of("paths", List.of("/d"), "age", "-1d"))).isEmpty();
    }

    @Test
    void globs_translateLikeFnmatch() {
        assertThat("a.conf").matches(FindModule.glob("*.conf"));
        assertThat("aconf").doesNotMatch(FindModule.glob("*.conf"));
        assertThat("x1").matches(FindModule.glob("x[!a]"));
        assertThat("$(id)").matches(FindModule.glob("$(id)"));
    }

    @Test
    void recurse_depth_andHostilePaths_areLiteralArguments() {
        String evil = "/tmp/$(touch x) `id`";
        ScriptedHost h = new ScriptedHost();
        Change c = tester.plan(Map.of("paths", List.of(evil), "recurse", true, "depth", 2), h);
        assertThat(h.asked()).containsExactly(new Probe.Run(List.of("find", "-P", evil, "-mindepth", "1", "-maxdepth", "2", "-printf", FMT)));
        assertThat(c.outputs()).containsEntry("matched", 0).containsEntry("msg", "Not all paths examined, check warnings for details");
    }
}
