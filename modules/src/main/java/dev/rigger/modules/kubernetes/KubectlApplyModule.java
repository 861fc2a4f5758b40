package dev.rigger.modules.kubernetes;

import dev.rigger.modules.Shown;
import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
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
import java.util.List;
import java.util.Map;

/**
 * Kubernetes objects from a manifest, applied with the host's own {@code kubectl}. Plans per
 * object, reading all live objects in one round trip: create (the object's YAML), update (one
 * diff per changed field) or unchanged, so {@code --check --diff} names exactly the objects and
 * fields that would change. Only changed objects are sent to {@code kubectl apply -f -}.
 */
public final class KubectlApplyModule implements Module {
    static final String ADMIN_CONF = "/etc/kubernetes/admin.conf";

    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("src").doc("a manifest file beside the playbook; several documents separated by ---"))
            .add(Param.any("definition").aliases("resource_definition")
                    .doc("the objects inline: a mapping, a list of mappings, or YAML text"))
            .add(Param.string("namespace").doc("namespace for objects that name none (kubectl apply -n)"))
            .add(Param.string("kubeconfig").defaultValue(ADMIN_CONF).doc("the kubeconfig on the host kubectl uses"))
            .add(Param.choice("state", "present", "absent").defaultValue("present")
                    .doc("present: create or update the objects; absent: delete those that exist"))
            .add(Param.bool("wait").defaultValue(false)
                    .doc("after applying, wait until changed DaemonSets, Deployments and StatefulSets have rolled out"))
            .add(Param.integer("wait_timeout").defaultValue(120).doc("seconds to wait for each rollout"))
            .requireOneOf("src", "definition")
            .mutuallyExclusive("src", "definition")
            .build();

    @Override
    public String name() { return "kubectl_apply"; }

    @Override
    public List<String> aliases() { return List.of("kubectl-apply"); }

    @Override
    public String summary() { return "Apply (or delete) Kubernetes objects with the host's kubectl, planned per object and field"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return """
                - name: flannel
                  kubectl_apply:
                    src: manifests/kube-flannel.yml
                    wait: true
                - name: a namespace
                  kubectl_apply:
                    definition: {apiVersion: v1, kind: Namespace, metadata: {name: demo}}
                """;
    }

    @Override
    public Change plan(Params p, Host host) {
        List<KubeObject> objects = Manifest.objects(p);
        String kubeconfig = p.string("kubeconfig");
        if (kubeconfig.startsWith("-") || kubeconfig.contains("\n")) throw new ModuleException("invalid kubeconfig " + Shown.quoted(kubeconfig));
        List<Probe> probes = new ArrayList<>(List.of(new Probe.Stat(kubeconfig)));
        for (KubeObject o : objects) probes.add(new Probe.Run(o.getArgv(kubeconfig)));
        List<ProbeResult> r = host.probe(probes);
        boolean cluster = r.get(0).fileState() != null && r.get(0).fileState().exists();
        List<Map<String, Object>> live = new ArrayList<>();
        for (int k = 0; k < objects.size(); k++) live.add(cluster ? live(objects.get(k), r.get(k + 1)) : null);
        return p.string("state").equals("absent") ? delete(p, objects, live) : apply(p, objects, live);
    }

    /** The live object, or null when the server has none (or does not know its kind yet). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> live(KubeObject o, ProbeResult r) {
        if (!r.ok()) {
            // a kind whose CustomResourceDefinition is created by this same manifest
            if (r.error().contains("the server doesn't have a resource type")) return null;
            throw new ModuleException("kubectl could not read " + o.subject() + ": " + (r.error().isBlank() ? r.text() : r.error()).strip());
        }
        if (r.text().isBlank()) return null;
        Object v = Json.read(r.text());
        if (!(v instanceof Map<?, ?>)) throw new ModuleException("kubectl get " + o.subject() + " printed no object");
        return (Map<String, Object>) v;
    }

    private static Change apply(Params p, List<KubeObject> objects, List<Map<String, Object>> live) {
        List<Diff> diffs = new ArrayList<>();
        List<KubeObject> changed = new ArrayList<>();
        for (int k = 0; k < objects.size(); k++) {
            KubeObject o = objects.get(k);
            List<Diff> d = ObjectDiffs.of(o, live.get(k));
            if (!d.isEmpty()) changed.add(o);
            diffs.addAll(d);
        }
        if (changed.isEmpty()) return Change.none();
        Kubectl kubectl = new Kubectl(p.string("kubeconfig"), p.string("namespace"));
        List<Step> steps = new ArrayList<>(List.of(kubectl.withStdin("apply", changed)));
        if (p.bool("wait")) {
            for (KubeObject o : changed) if (o.isWorkload()) steps.add(kubectl.rolloutStatus(o, p.integer("wait_timeout")));
        }
        return Change.of(diffs, steps);
    }

    private static Change delete(Params p, List<KubeObject> objects, List<Map<String, Object>> live) {
        List<Diff> diffs = new ArrayList<>();
        List<KubeObject> existing = new ArrayList<>();
        for (int k = 0; k < objects.size(); k++) {
            if (live.get(k) == null) continue;
            existing.add(objects.get(k));
            diffs.add(Diff.delete(ObjectDiffs.subject(objects.get(k), live.get(k)), null));
        }
        if (existing.isEmpty()) return Change.none();
        // reverse order: objects before their namespace; a namespace's deletion takes its objects with it
        java.util.Collections.reverse(existing);
        return Change.of(diffs, List.of(new Kubectl(p.string("kubeconfig"), p.string("namespace")).withStdin("delete", existing)));
    }

    /** The steps' kubectl command lines; objects go on stdin as a stream of JSON documents. */
    private record Kubectl(String kubeconfig, String namespace) {

        Step withStdin(String verb, List<KubeObject> objects) {
            List<String> argv = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig, verb, "-f", "-"));
            if (namespace != null) argv.addAll(List.of("-n", namespace));
            if (verb.equals("delete")) argv.add("--ignore-not-found");
            StringBuilder stdin = new StringBuilder();
            for (KubeObject o : objects) stdin.append(Json.write(o.body())).append('\n');
            return new Step.Run(argv, stdin.toString().getBytes(StandardCharsets.UTF_8));
        }

        Step rolloutStatus(KubeObject o, int timeoutSeconds) {
            List<String> argv = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig, "rollout", "status",
                    o.resource().toLowerCase(java.util.Locale.ROOT) + "/" + o.name()));
            if (o.namespace() != null) argv.addAll(List.of("-n", o.namespace()));
            argv.add("--timeout=" + timeoutSeconds + "s");
            return Step.Run.of(argv);
        }
    }
}
