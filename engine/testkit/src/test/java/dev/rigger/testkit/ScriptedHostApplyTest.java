package dev.rigger.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.FileState;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The in-memory host applies steps as a real one would, and the tester says what differed when a module is wrong. */
class ScriptedHostApplyTest {

    /** A link {@code path} to {@code src}, and a file {@code path.conf} of {@code owner}, mode 0640; {@code sloppy} never chowns. */
    public static class Linker implements Module {
        private final boolean sloppy;

        public Linker() {
            this(false);
        }

        Linker(boolean sloppy) {
            this.sloppy = sloppy;
        }

        @Override
        public String name() {
            return "linker";
        }

        @Override
        public String summary() {
            return "test module";
        }

        @Override
        public ParamSpec spec() {
            return ParamSpec.builder().add(Param.string("path").required()).add(Param.string("src").required())
                    .add(Param.string("owner").defaultValue("app")).build();
        }

        @Override
        public Change plan(Params p, Host h) {
            String path = p.string("path");
            FileState link = h.stat(path);
            FileState conf = h.stat(path + ".conf");
            List<Diff> diffs = new ArrayList<>();
            List<Step> steps = new ArrayList<>();
            if (!p.string("src").equals(link.linkTarget())) {
                diffs.add(Diff.create(path, "-> " + p.string("src")));
                steps.add(Step.Run.of("ln", "-sfn", "--", p.string("src"), path));
            }
            if (!conf.exists()) {
                diffs.add(Diff.create(path + ".conf", "x"));
                steps.add(new Step.WriteFile(path + ".conf", "x\n".getBytes(), 0640, null, null, false, null));
            }
            if (conf.exists() && !p.string("owner").equals(conf.owner())) diffs.add(Diff.update(path + ".conf owner", conf.owner(), p.string("owner")));
            if (!sloppy && (!conf.exists() || !p.string("owner").equals(conf.owner()))) steps.add(Step.Run.of("chown", "--", p.string("owner") + ":", path + ".conf"));
            return diffs.isEmpty() ? Change.none() : Change.of(diffs, steps);
        }
    }

    @Test
    void apply_makesLinkFileModeAndOwner_thenNothingToDo() {
        ScriptedHost host = new ScriptedHost().user("deploy", "deploy");
        ModuleTester t = ModuleTester.of(new Linker(false));
        ModuleTester.Converged c = t.assertIdempotent(Map.of("path", "/srv/current", "src", "/srv/r1"), host);
        assertThat(c.applied()).hasSize(3);
        assertThat(host.state("/srv/current").type()).isEqualTo(FileState.Type.LINK);
        assertThat(host.state("/srv/current").linkTarget()).isEqualTo("/srv/r1");
        FileState conf = host.state("/srv/current.conf");
        assertThat(List.of(conf.owner(), conf.group(), FileState.octal(conf.mode()))).containsExactly("app", "deploy", "0640");
        assertThat(host.content("/srv/current.conf")).isEqualTo("x\n");
    }

    @Test
    void moduleThatNeverConverges_failsSayingWhatIsStillPlanned() {
        ScriptedHost host = new ScriptedHost().user("deploy", "deploy");
        assertThatThrownBy(() -> ModuleTester.of(new Linker(true)).apply(Map.of("path", "/srv/current", "src", "/srv/r1"), host))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("did not converge").hasMessageContaining("/srv/current.conf owner (deploy -> app)");
    }

    @Test
    void unscriptedCommand_failsTheStep_namingIt() {
        Step.Run s = Step.Run.of("systemctl", "restart", "nginx");
        assertThat(new ScriptedHost().run(s).stderr()).contains("not scripted in ScriptedHost: systemctl restart nginx");
        assertThat(new ScriptedHost().answer("systemctl restart nginx", 0, "").run(s).ok()).isTrue();
    }

    @Test
    void rmAndMkdir_asCoreutils() {
        ScriptedHost h = new ScriptedHost().dir("/d", 0755).file("/d/a", "a", 0600);
        assertThat(h.run(Step.Run.of("rm", "--", "/d")).stderr()).contains("Is a directory");
        assertThat(h.run(Step.Run.of("rm", "-rf", "--", "/d")).ok()).isTrue();
        assertThat(h.state("/d/a").exists()).isFalse();
        assertThat(h.run(Step.Run.of("mkdir", "-m", "700", "--", "/d")).ok()).isTrue();
        assertThat(FileState.octal(h.state("/d").mode())).isEqualTo("0700");
        assertThat(h.run(Step.Run.of("mkdir", "--", "/d")).stderr()).contains("File exists");
    }

    /** Listed in this test's services file, with a default its type cannot take. */
    public static final class BadSpec extends Linker {
        @Override
        public ParamSpec spec() {
            return ParamSpec.builder().add(Param.bool("backup").defaultValue("nope")).build();
        }
    }

    /** Not listed in the services file. */
    public static final class Unlisted extends Linker { }

    @Test
    void assertRegistered_passesAListedModule_andSaysWhatIsWrongOtherwise() {
        ModuleTester.of(new Linker()).assertRegistered();
        assertThatThrownBy(() -> ModuleTester.of(new BadSpec()).assertRegistered()).isInstanceOf(AssertionError.class)
                .hasMessage("the engine refuses module 'linker': default of 'backup' must be true or false, got 'nope'");
        assertThatThrownBy(() -> ModuleTester.of(new Unlisted()).assertRegistered()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("META-INF/services/dev.rigger.spi.Module names [").hasMessageEndingWith("but not " + Unlisted.class.getName());
    }
}
