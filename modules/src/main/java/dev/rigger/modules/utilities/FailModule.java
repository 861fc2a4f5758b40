package dev.rigger.modules.utilities;

import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import java.util.List;

/** Fails the task with a message, as Ansible's fail (usually under a when:); touches nothing. */
public final class FailModule implements Module {
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.any("msg").defaultValue("Failed as requested from task").doc("the failure's message"))
            .build();

    @Override public String name() { return "fail"; }
    @Override public List<String> aliases() { return List.of("ansible.builtin.fail"); }
    @Override public String summary() { return "Fail the task with a message (usually under when:); changes nothing"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- fail:\n    msg: \"this role supports EL8 and EL9 only\"\n  when: ansible_distribution_major_version not in ['8', '9']";
    }

    @Override
    public Change plan(Params p, Host host) {
        throw new ModuleException(String.valueOf(p.values().get("msg")));
    }
}
