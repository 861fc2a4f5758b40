package dev.rigger.modules.kubernetes;

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
import dev.rigger.spi.StepResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A kubeadm cluster's life, one action per task: write kubeadm.yaml, pull images, init the
 * control plane, make a join token when a worker still has to join, join, reset. Each action
 * plans "nothing to do" from what kubeadm leaves behind (on a master a control plane that
 * answers and holds kubeadm-config, see {@link #init}; {@code kubelet.conf} on a joined node),
 * so a second run changes nothing and never makes a new token. {@code init} and {@code token} register {@code join_command}, {@code token},
 * {@code ca_cert_hash} and {@code api_server} parsed from kubeadm's output.
 */
public final class KubeadmModule implements Module {
    static final String ADMIN_CONF = "/etc/kubernetes/admin.conf";
    static final String KUBELET_CONF = "/etc/kubernetes/kubelet.conf";
    static final String APISERVER_MANIFEST = "/etc/kubernetes/manifests/kube-apiserver.yaml";
    static final String DEFAULT_TOKEN = "abcdef.0123456789abcdef";

    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.choice("action", "config", "images_pull", "init", "join", "token", "reset").required()
                    .doc("what to do; reset runs only when asked for"))
            .add(Param.string("config").aliases("path").defaultValue("/root/kubeadm.yaml").absolutePath().singleLine()
                    .doc("config, images_pull, init: the kubeadm.yaml file"))
            .add(Param.string("advertise_address").doc("config: the API server's address (localAPIEndpoint.advertiseAddress); required"))
            .add(Param.string("kubernetes_version").defaultValue("v1.16.0").doc("config: kubernetesVersion, e.g. v1.16.2"))
            .add(Param.string("image_repository").defaultValue("k8s.gcr.io").doc("config: imageRepository, e.g. a mirror"))
            .add(Param.string("pod_subnet").doc("config: networking.podSubnet, e.g. 10.244.0.0/16 for flannel (left out when not given)"))
            .add(Param.string("service_subnet").defaultValue("10.96.0.0/12").doc("config: networking.serviceSubnet"))
            .add(Param.string("node_name").doc("config: nodeRegistration.name (default: the host's name, as kubeadm does)"))
            .add(Param.string("cri_socket").defaultValue("/var/run/dockershim.sock").doc("config: nodeRegistration.criSocket"))
            .add(Param.string("token").secret()
                    .doc("config: the bootstrap token (default " + DEFAULT_TOKEN + "); join: the token, with api_server and ca_cert_hash"))
            .add(Param.string("command").secret().aliases("join_command")
                    .doc("join: the master's join command (its join_command output); only 'kubeadm join ...' is accepted"))
            .add(Param.string("api_server").doc("join: HOST:PORT of the API server, instead of command"))
            .add(Param.string("ca_cert_hash").doc("join: sha256:<hex> of the cluster CA's public key, instead of command"))
            .add(Param.list("nodes").doc("token: the node names that must be in the cluster; no token is made when all are listed"))
            .mutuallyExclusive("command", "api_server")
            .requiredIf("action", "config", "advertise_address")
            .requiredIfAny("action", "join", "command", "api_server")
            .requiredBy("api_server", "token", "ca_cert_hash")
            .build();

    @Override
    public String name() { return "kubeadm"; }

    @Override
    public String summary() { return "Write kubeadm.yaml, pull images, init a control plane, make join tokens, join and reset nodes"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return """
                - kubeadm: {action: config, advertise_address: 172.16.10.189, kubernetes_version: v1.16.2, pod_subnet: 10.244.0.0/16}
                - kubeadm: {action: images_pull}
                - kubeadm: {action: init}
                - name: a join command, only while a worker is missing
                  kubeadm: {action: token, nodes: [k8s-slave1, k8s-slave2]}
                  register: join
                # on the workers:
                - kubeadm: {action: join, command: "{{ hostvars['k8s-master'].join.join_command }}"}
                """;
    }

    /** Each action's first probes, as its plan below asks them. */
    @Override
    public List<Probe> firstProbes(Params p) {
        return switch (p.string("action")) {
            case "config" -> configProbes(p.string("config"));
            case "images_pull" -> imagesProbes(p.string("config"));
            case "init" -> INIT_PROBES;
            case "token" -> TokenPlan.probes(p.list("nodes"));
            case "join" -> JOIN_PROBES;
            case "reset" -> RESET_PROBES;
            default -> List.of();
        };
    }

    private static final List<Probe> INIT_PROBES = List.of(new Probe.Stat(ADMIN_CONF), new Probe.Stat(APISERVER_MANIFEST),
            new Probe.Run(List.of("kubectl", "--kubeconfig", ADMIN_CONF, "-n", "kube-system", "get", "configmap", "kubeadm-config",
                    "-o", "name", "--request-timeout=10s")));
    private static final List<Probe> JOIN_PROBES = List.of(new Probe.Stat(KUBELET_CONF));
    private static final List<Probe> RESET_PROBES = List.of(new Probe.Stat(ADMIN_CONF), new Probe.Stat(KUBELET_CONF));

    private static List<Probe> configProbes(String path) {
        return List.of(new Probe.Read(path), new Probe.Run(List.of("uname", "-n")));
    }

    /** The list is only the plan's diff: once init ran it is not asked (kubeadm is one more process start). */
    private static List<Probe> imagesProbes(String path) {
        return List.of(new Probe.Stat(ADMIN_CONF), new Probe.Shell("[ -e " + ADMIN_CONF
                + " ] || exec kubeadm config images list --config " + Kubectl.quote(path)));
    }

    @Override
    public Change plan(Params p, Host host) {
        return switch (p.string("action")) {
            case "config" -> config(p, host);
            case "images_pull" -> imagesPull(p, host);
            case "init" -> init(p, host);
            case "token" -> TokenPlan.plan(p.list("nodes"), host);
            case "join" -> join(p, host);
            case "reset" -> reset(host);
            default -> throw new IllegalStateException("the spec's choices allow no action " + p.string("action"));
        };
    }

    private static Change config(Params p, Host host) {
        String path = p.string("config");
        KubeadmConfig c = new KubeadmConfig(p.string("advertise_address"), p.string("kubernetes_version"), p.string("image_repository"),
                p.string("pod_subnet"), p.string("service_subnet"), p.string("node_name"), p.optional("token").orElse(DEFAULT_TOKEN),
                p.string("cri_socket"));
        List<ProbeResult> r = host.probe(configProbes(path));
        String before = r.get(0).ok() ? r.get(0).text() : null;
        String after = c.render(r.get(1).text());
        if (after.equals(before)) return Change.none();
        // kubeadm checks the file before it replaces the old one
        Step write = new Step.WriteFile(path, after.getBytes(StandardCharsets.UTF_8), 0600, null, null, false,
                List.of("kubeadm", "config", "images", "list", "--config", "%s"));
        return Change.of(List.of(before == null ? Diff.create(path, after) : Diff.update(path, before, after)), List.of(write));
    }

    /** No image store can be asked, so: nothing once init ran, otherwise pull (unverifiable). */
    private static Change imagesPull(Params p, Host host) {
        String path = p.string("config");
        List<ProbeResult> r = host.probe(imagesProbes(path));
        if (exists(r.get(0))) return Change.none();
        String images = r.get(1).ok() ? r.get(1).text() : null;
        Diff d = new Diff("kubeadm config images pull --config " + path, Diff.Action.RUN, null, images);
        return Change.of(List.of(d), List.of(Step.Run.of("kubeadm", "config", "images", "pull", "--config", path))).unverifiable();
    }

    /**
     * Done when the control plane answers and holds kubeadm's {@code kubeadm-config} ConfigMap
     * (uploaded after {@code wait-control-plane}), not merely when {@code admin.conf} exists:
     * kubeadm writes that file before it waits for the control plane, so an init that failed
     * there leaves it behind. Such a half-done init fails the plan, saying what to do, instead of
     * counting as done (and being skipped) forever; as does an init that stopped before
     * admin.conf but left its static pod manifests (kubeadm's preflight would refuse to run).
     */
    private static Change init(Params p, Host host) {
        String path = p.string("config");
        List<ProbeResult> r = host.probe(INIT_PROBES);
        if (exists(r.get(0))) {
            if (r.get(2).ok() && r.get(2).text().strip().equals("configmap/kubeadm-config")) return Change.none();
            String said = (r.get(2).error() + " " + r.get(2).text()).strip().replaceAll("\\s+", " ");
            throw new ModuleException("kubeadm init did not finish on this host: " + ADMIN_CONF + " exists but "
                    + (r.get(2).ok() || said.contains("NotFound") ? "the control plane holds no kube-system/kubeadm-config ConfigMap"
                            : "the control plane does not answer (kubectl: " + said + ")")
                    + ". If the control plane is only starting (after a reboot), wait and run again; if init failed,"
                    + " run 'kubeadm reset -f' on this host (it removes what init wrote) and run again");
        }
        if (exists(r.get(1))) {
            throw new ModuleException("kubeadm init did not finish on this host: " + APISERVER_MANIFEST + " exists but " + ADMIN_CONF
                    + " does not, and kubeadm init would refuse to overwrite it. Run 'kubeadm reset -f' on this host and run again");
        }
        return Change.of(List.of(Diff.run("kubeadm init --config " + path)), List.of(Step.Run.of("kubeadm", "init", "--config", path)));
    }

    private static Change join(Params p, Host host) {
        JoinCommand command = joinCommand(p);
        if (exists(host.probe(JOIN_PROBES).get(0))) return Change.none();
        if (command == null) { // the spec's rules make sure command or api_server is given: here command is empty
            throw new ModuleException("action join got an empty command: the master made no token because this node is already"
                    + " listed there; remove it there (kubectl delete node) to join it again");
        }
        Diff d = Diff.run("kubeadm join " + command.apiServer() + " (token and CA cert hash from the master)");
        return Change.of(List.of(d), List.of(Step.Run.of(command.argv())));
    }

    /** The join command asked for, checked even when it will not run; null when it is empty. */
    private static JoinCommand joinCommand(Params p) {
        String command = p.string("command");
        if (command != null && !command.isBlank()) return JoinCommand.parse(command);
        if (p.string("api_server") == null) return null;
        return new JoinCommand(p.string("api_server"), p.string("token"), p.string("ca_cert_hash"), Map.of());
    }

    private static Change reset(Host host) {
        List<ProbeResult> r = host.probe(RESET_PROBES);
        if (!exists(r.get(0)) && !exists(r.get(1))) return Change.none();
        return Change.of(List.of(Diff.run("kubeadm reset -f")), List.of(Step.Run.of("kubeadm", "reset", "-f")));
    }

    /** init and token: the join command kubeadm printed. */
    @Override
    public Map<String, Object> outputs(Params p, List<StepResult> results) {
        if (!List.of("init", "token").contains(p.string("action"))) return Map.of();
        for (StepResult r : results) {
            var join = JoinCommand.fromOutput(r.stdout());
            if (join.isPresent()) return join.get().outputs();
        }
        return Map.of();
    }

    static boolean exists(ProbeResult stat) {
        FileState f = stat.fileState();
        return f != null && f.exists();
    }
}
