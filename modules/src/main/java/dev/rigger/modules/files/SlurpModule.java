package dev.rigger.modules.files;

import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** A file's content, base64-encoded under {@code content} in the registered result, as Ansible's slurp; changes nothing. */
public final class SlurpModule implements Module {
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("src").required().notEmpty().aliases("path").doc("the file to read"))
            .build();

    @Override public String name() { return "slurp"; }
    @Override public List<String> aliases() { return List.of("ansible.builtin.slurp"); }
    @Override public String summary() { return "Read a file into the registered result (base64); changes nothing"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- slurp:\n    src: /etc/machine-id\n  register: id\n- debug:\n    msg: \"{{ id.content | b64decode }}\"";
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        return List.of(new Probe.Read(p.string("src")));
    }

    @Override
    public Change plan(Params p, Host host) {
        String src = p.string("src");
        ProbeResult r = host.probe(firstProbes(p)).get(0);
        if (!r.ok()) {
            String why = r.error().trim();
            if (why.contains("No such file")) throw new ModuleException("file not found: " + src);
            if (why.contains("Is a directory")) throw new ModuleException("source is a directory and must be a file: " + src);
            throw new ModuleException("unable to slurp file: " + src + ": " + why);
        }
        return Change.none(Map.of("content", Base64.getEncoder().encodeToString(r.output()), "source", src, "encoding", "base64"));
    }
}
