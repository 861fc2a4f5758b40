package dev.rigger.modules.packages;

import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import java.util.List;

/**
 * Ansible's {@code dnf} under its own name, listed beside {@code yum}: the same module (which uses
 * dnf wherever it is installed), so both names plan and act alike on every host.
 */
public final class DnfModule implements Module {
    private final YumModule yum = new YumModule();

    @Override
    public String name() { return "dnf"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.dnf"); }

    @Override
    public String summary() { return "Install, upgrade, downgrade and remove packages with dnf (the yum module under Ansible's dnf name)"; }

    @Override
    public ParamSpec spec() { return yum.spec(); }

    @Override
    public String examples() { return "- dnf:\n    name: [kubelet-1.16.2, kubeadm-1.16.2]\n    disable_excludes: kubernetes\n"; }

    @Override
    public List<Probe> firstProbes(Params p) { return yum.firstProbes(p); }

    @Override
    public Change plan(Params p, Host host) { return yum.plan(p, host); }
}
