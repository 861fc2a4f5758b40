package dev.rigger.engine.compile;

import dev.rigger.engine.module.ModuleRegistry;
import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Step;
import java.util.List;

/**
 * Small stand-ins with the specs of the real command/file/shell modules, so engine tests do
 * not depend on the modules artifact (which depends on the SPI and Jackson, never on the engine).
 */
public final class TestModules {
    private TestModules() { }

    public static ModuleRegistry registry() {
        return ModuleRegistry.of(command("command"), command("shell"), file());
    }

    /** As {@link #registry()}, with a {@code setup} module (that gathers nothing) for gather_facts. */
    public static ModuleRegistry withSetup() {
        ParamSpec spec = ParamSpec.builder().add(Param.list("gather_subset")).add(Param.list("filter")).build();
        return ModuleRegistry.of(command("command"), command("shell"), file(), simple("setup", spec),
                simple("template", ParamSpec.builder().add(Param.string("src").required()).add(Param.string("dest").required()).build()));
    }

    /** As {@link #registry()}, with {@code fail} and {@code include_vars}. */
    public static ModuleRegistry withFailAndIncludeVars() {
        return ModuleRegistry.of(command("command"), command("shell"), file(),
                simple("fail", ParamSpec.builder().add(Param.string("msg")).build()),
                simple("include_vars", ParamSpec.builder().freeForm().add(Param.string("file").aliases("_raw")).build()));
    }

    private static Module command(String name) {
        ParamSpec spec = ParamSpec.builder().freeForm().add(Param.string("cmd").aliases("_raw").required())
                .add(Param.string("creates")).add(Param.string("removes")).build();
        return simple(name, spec);
    }

    private static Module file() {
        ParamSpec spec = ParamSpec.builder().add(Param.string("path").required().aliases("dest", "name"))
                .add(Param.choice("state", "file", "directory", "absent", "link", "touch").defaultValue("file"))
                .add(Param.string("content")).add(Param.mode("mode")).build();
        return simple("file", spec);
    }

    private static Module simple(String name, ParamSpec spec) {
        return new Module() {
            @Override public String name() { return name; }
            @Override public String summary() { return name; }
            @Override public ParamSpec spec() { return spec; }
            @Override public Change plan(Params p, Host h) {
                return Change.of(List.of(Diff.run(name)), List.of(Step.Run.of("true"))).unverifiable();
            }
        };
    }
}
