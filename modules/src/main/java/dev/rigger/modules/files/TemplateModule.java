package dev.rigger.modules.files;

import dev.rigger.spi.Probe;
import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * copy, with {@code src} a template beside the playbook (or in its templates/ folder) whose
 * {@code {{ }}} parts the engine renders with the task's variables before anything is compared.
 */
public final class TemplateModule implements Module {
    private static final ParamSpec SPEC = SelinuxContext.declare(FileContent.declare(ParamSpec.builder()
            .add(Param.string("src").required().doc("the template, looked up beside the playbook and in its templates/ folder"))
            .add(Param.string("dest").required().absolutePath().doc("the file to write; a folder (or a path ending in /) receives it under src's name"))
            .add(Param.bool("force").defaultValue(true)
                    .doc("replace a file whose content differs; false writes only when dest does not exist"))))
            .build();

    @Override
    public String name() { return "template"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.template"); }

    @Override
    public String summary() { return "Render a template with the task's variables and write it, only when its checksum differs"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public List<Probe> firstProbes(Params p) {
        return FileContent.firstOfReplace(CopyModule.destination(p.string("dest"), p.string("src")));
    }

    @Override
    public Change plan(Params p, Host host) {
        String src = p.string("src");
        byte[] want = p.template(src).getBytes(StandardCharsets.UTF_8);
        return SelinuxContext.checked(FileContent.replace(p, host, CopyModule.destination(p.string("dest"), src), src, want), p, host);
    }
}
