package dev.rigger.modules.files;

import dev.rigger.modules.selinux.SelinuxRuntime;
import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import java.util.List;

/**
 * A path's SELinux context parameters (seuser, serole, setype, selevel), as Ansible's file
 * arguments: where SELinux is disabled (selinux_enabled() false, the lab's hosts and most Debian
 * ones) Ansible ignores them without error, and so does Rigger. Where it is enabled Rigger
 * refuses the task rather than leave the context unset: setting it (Ansible's lsetfilecon) is
 * not implemented.
 */
final class SelinuxContext {
    static final List<String> NAMES = List.of("seuser", "serole", "setype", "selevel");

    private SelinuxContext() { }

    static ParamSpec.Builder declare(ParamSpec.Builder b) {
        return b.add(Param.string("seuser").singleLine().doc("SELinux user of the path's context; ignored where SELinux is disabled, refused where enabled"))
                .add(Param.string("serole").singleLine().doc("SELinux role of the path's context; ignored where SELinux is disabled, refused where enabled"))
                .add(Param.string("setype").singleLine().doc("SELinux type of the path's context; ignored where SELinux is disabled, refused where enabled"))
                .add(Param.string("selevel").singleLine().doc("SELinux level (range) of the path's context; ignored where SELinux is disabled, refused where enabled"));
    }

    /**
     * {@code plan} as it is when no context is asked for or SELinux is disabled on the host; else
     * the refusal. One read after the module's own probes, only when a context is asked for.
     */
    static Change checked(Change plan, Params p, Host host) {
        List<String> given = NAMES.stream().filter(p::has).toList();
        if (given.isEmpty()) return plan;
        if (SelinuxRuntime.of(host.probe(List.of(SelinuxRuntime.probe())).get(0)) == SelinuxRuntime.DISABLED) return plan;
        throw new ModuleException(String.join(", ", given) + ": SELinux is enabled on " + host.name()
                + " and Rigger does not set file contexts; run chcon (or semanage fcontext plus restorecon) in a command task instead");
    }
}
