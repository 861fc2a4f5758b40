package dev.rigger.modules.selinux;

import dev.rigger.modules.Shown;
import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.FileState;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import dev.rigger.spi.Step;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SELinux's state and policy, as ansible.posix.selinux (1.5.4) decides them: the config file's
 * SELINUX= and SELINUXTYPE= lines edited as Ansible edits them, the running state read from
 * selinuxfs (no SELinux tool needed to know it) and changed with setenforce, the kernel's
 * selinux=0 argument with grubby (update_kernel_param). On a host without SELinux the running
 * state is 'disabled': a state other than disabled then needs a reboot (reboot_required), and a
 * missing config file fails the task as in Ansible. One round trip.
 */
public final class SelinuxModule implements Module {
    private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern GRUBBY_ARGS = Pattern.compile("^args=\"(.*)\"$");

    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("policy").singleLine().doc("the policy (targeted, mls, ...); required unless state is disabled"))
            .add(Param.choice("state", "enforcing", "permissive", "disabled").required().doc("the SELinux mode"))
            .add(Param.string("configfile").defaultValue("/etc/selinux/config").absolutePath().singleLine().aliases("conf", "file")
                    .doc("the SELinux config file"))
            .add(Param.bool("update_kernel_param").defaultValue(false)
                    .doc("also add or remove selinux=0 on every kernel's command line, with grubby"))
            .build();

    @Override public String name() { return "selinux"; }

    @Override public List<String> aliases() { return List.of("ansible.posix.selinux", "ansible.builtin.selinux"); }

    @Override public String summary() { return "Change the SELinux policy and state (as ansible.posix.selinux)"; }

    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return """
                - name: SELinux permissive with the targeted policy
                  ansible.posix.selinux:
                    policy: targeted
                    state: permissive

                - name: SELinux off from the next boot
                  selinux:
                    state: disabled
                """;
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        String config = p.string("configfile");
        List<Probe> probes = new ArrayList<>(List.of(new Probe.Stat(config), new Probe.Read(config), SelinuxRuntime.probe()));
        p.optional("policy").ifPresent(policy -> probes.add(new Probe.Stat("/etc/selinux/" + policy + "/policy")));
        if (p.bool("update_kernel_param")) probes.add(new Probe.Run(List.of("grubby", "--info=ALL")));
        return probes;
    }

    @Override
    public Change plan(Params p, Host host) {
        String state = p.string("state");
        String config = p.string("configfile");
        String policy = p.optional("policy").orElse(null);
        if (policy != null && !POLICY_NAME.matcher(policy).matches()) {
            throw new ModuleException("policy must be a policy's folder name under /etc/selinux (targeted, mls, ...), got " + Shown.quoted(policy));
        }
        List<ProbeResult> r = host.probe(firstProbes(p));
        FileState file = r.get(0).fileState();
        if (file == null || file.type() != FileState.Type.FILE && !(file.type() == FileState.Type.LINK && r.get(1).ok())) {
            throw new ModuleException("Unable to find file " + config + " (install the SELinux policy package, e.g. selinux-policy-targeted, first)");
        }
        String before = r.get(1).ok() ? r.get(1).text() : "";
        SelinuxRuntime runtime = SelinuxRuntime.of(r.get(2));
        String configPolicy = SelinuxConfig.value(before, SelinuxConfig.POLICY);
        String configState = SelinuxConfig.value(before, SelinuxConfig.STATE);
        Boolean kernelEnabled = null;
        int next = policy != null ? 4 : 3;
        if (p.bool("update_kernel_param")) kernelEnabled = kernelEnabled(r.get(next));
        if (!state.equals("disabled") && policy == null) throw new ModuleException("Policy is required if state is not 'disabled'");
        if (policy == null) policy = configPolicy;

        List<String> msgs = new ArrayList<>();
        List<Diff> diffs = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        boolean rebootRequired = false;
        String after = before;
        // libselinux's running policy is the one the config names, so Ansible's two policy checks are one here
        if (policy != null && !policy.equals(configPolicy)) {
            FileState installed = r.get(3).fileState();
            if (installed == null || !installed.exists()) {
                throw new ModuleException("Policy " + policy + " does not exist in /etc/selinux/");
            }
            after = SelinuxConfig.with(after, SelinuxConfig.POLICY, "SELINUXTYPE=" + policy);
            msgs.add("Running SELinux policy changed from '" + configPolicy + "' to '" + policy + "'");
            msgs.add("SELinux policy configuration in '" + config + "' changed from '" + configPolicy + "' to '" + policy + "'");
        }
        if (!state.equals(runtime.word())) {
            if (runtime != SelinuxRuntime.DISABLED) {
                if (state.equals("disabled")) {
                    if (runtime != SelinuxRuntime.PERMISSIVE) {
                        diffs.add(Diff.update("SELinux running state", runtime.word(), "permissive (disabled from the next boot)"));
                        steps.add(Step.Run.of("setenforce", "0"));
                    }
                    rebootRequired = true;
                } else {
                    diffs.add(Diff.update("SELinux running state", runtime.word(), state));
                    steps.add(Step.Run.of("setenforce", state.equals("enforcing") ? "1" : "0"));
                    msgs.add("SELinux state changed from '" + runtime.word() + "' to '" + state + "'");
                }
            } else {
                rebootRequired = true;
            }
        }
        if (!state.equals(configState)) {
            after = SelinuxConfig.with(after, SelinuxConfig.STATE, "SELINUX=" + state);
            msgs.add("Config SELinux state changed from '" + configState + "' to '" + state + "'");
        }
        if (!after.equals(before)) {
            diffs.add(0, Diff.update(config, before, after));
            steps.add(0, Step.WriteFile.of(config, after.getBytes(StandardCharsets.UTF_8), null));
        }
        boolean wantKernel = state.equals("enforcing") || state.equals("permissive");
        if (p.bool("update_kernel_param") && !Boolean.valueOf(wantKernel).equals(kernelEnabled)) {
            String from = kernelEnabled == null ? "<inconsistent>" : kernelEnabled ? "enabled" : "disabled";
            diffs.add(Diff.update("selinux=0 on the kernels' command lines", wantKernel ? "present" : "absent", wantKernel ? "absent" : "present"));
            steps.add(Step.Run.of("grubby", "--update-kernel=ALL", wantKernel ? "--remove-args" : "--args", "selinux=0"));
            msgs.add("Kernel SELinux state changed from '" + from + "' to '" + (wantKernel ? "enabled" : "disabled") + "'");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("msg", String.join(", ", msgs));
        out.put("configfile", config);
        if (policy != null) out.put("policy", policy);
        out.put("state", state);
        out.put("reboot_required", rebootRequired);
        return Change.of(diffs, steps).withOutputs(out);
    }

    /** Ansible's get_kernel_enabled over grubby --info=ALL: true when no kernel has selinux=0, false when all do, null when mixed. */
    static Boolean kernelEnabled(ProbeResult grubby) {
        if (grubby.exitCode() == 127) {
            throw new ModuleException("'grubby' command not found on host: in order to update the kernel command line "
                    + "enabled/disabled setting, the grubby package needs to be present on the system");
        }
        if (!grubby.ok()) throw new ModuleException("unable to run grubby: " + grubby.error().strip());
        boolean allEnabled = true;
        boolean allDisabled = true;
        for (String line : grubby.text().split("\n", -1)) {
            Matcher m = GRUBBY_ARGS.matcher(line);
            if (!m.matches()) continue;
            if (List.of(m.group(1).split(" ", -1)).contains("selinux=0")) allEnabled = false;
            else allDisabled = false;
        }
        if (allEnabled == allDisabled) return null;
        return allEnabled;
    }
}
