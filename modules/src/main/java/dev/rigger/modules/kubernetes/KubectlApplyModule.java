package dev.rigger.modules.kubernetes;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes objects from a manifest, applied with the host's own {@code kubectl}, planned with the
 * API server's own semantics. One round trip reads every live object of the manifest (one
 * {@code kubectl get -f -}); objects that kubectl apply would send nothing for are unchanged.
 * For the others, a second round trip asks the server what it would store (one {@code kubectl
 * apply} with a server-side dry run: kubectl's three-way merge against the last applied
 * configuration, then the server's defaulting, pruning and normalising), and only fields the
 * server would store differently are changes: create (the object's YAML), update (one diff per
 * field) or unchanged, so {@code --check --diff} names exactly the objects and fields that would
 * change. Only changed objects are sent to {@code kubectl apply -f -}.
 */
public final class KubectlApplyModule implements Module {
    static final String ADMIN_CONF = "/etc/kubernetes/admin.conf";

    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("src").doc("a manifest file beside the playbook; several documents separated by ---"))
            .add(Param.any("definition").aliases("resource_definition")
                    .doc("the objects inline: a mapping, a list of mappings, or YAML text"))
            .add(Param.string("namespace").doc("namespace for objects that name none (kubectl apply -n)"))
            .add(Param.string("kubeconfig").defaultValue(ADMIN_CONF).notEmpty().singleLine().doc("the kubeconfig on the host kubectl uses"))
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
    public List<Probe> firstProbes(Params p) {
        return probes(p.string("kubeconfig"), new Kubectl(p.string("kubeconfig"), p.string("namespace")), Manifest.objects(p));
    }

    /** Whether there is a cluster to ask, and every live object of the manifest. */
    private static List<Probe> probes(String kubeconfig, Kubectl kubectl, List<KubeObject> objects) {
        return List.of(new Probe.Stat(kubeconfig), kubectl.get(objects));
    }

    @Override
    public Change plan(Params p, Host host) {
        List<KubeObject> objects = Manifest.objects(p);
        String kubeconfig = p.string("kubeconfig");
        Kubectl kubectl = new Kubectl(kubeconfig, p.string("namespace"));
        List<ProbeResult> r = host.probe(probes(kubeconfig, kubectl, objects));
        boolean cluster = r.get(0).fileState() != null && r.get(0).fileState().exists();
        ServerObjects live = cluster ? ServerObjects.live(r.get(1)) : ServerObjects.none();
        return p.string("state").equals("absent") ? delete(p, kubectl, objects, live) : apply(p, kubectl, objects, live, host);
    }

    private static Change apply(Params p, Kubectl kubectl, List<KubeObject> objects, ServerObjects live, Host host) {
        // what kubectl apply would send something for: only those can change, the server says how
        List<KubeObject> sent = objects.stream().filter(o -> live.find(o) != null && !FieldDiff.between(o.body(), live.find(o)).isEmpty()).toList();
        ServerObjects stored = sent.isEmpty() ? ServerObjects.none() : ServerObjects.dryRun(host.probe(List.of(kubectl.serverDryRun(sent))).get(0));
        List<Diff> diffs = new ArrayList<>();
        List<KubeObject> changed = new ArrayList<>();
        for (KubeObject o : objects) {
            Map<String, Object> now = live.find(o);
            List<Diff> d;
            if (now == null) d = List.of(ObjectDiffs.create(o));
            else if (!sent.contains(o)) d = List.of();
            else d = ObjectDiffs.update(o, now, ServerDiff.between(o, now, required(stored.find(o), o)));
            if (!d.isEmpty()) changed.add(o);
            diffs.addAll(d);
        }
        if (changed.isEmpty()) return Change.none();
        List<Step> steps = new ArrayList<>(List.of(kubectl.withStdin("apply", changed)));
        if (p.bool("wait")) {
            for (KubeObject o : changed) if (o.isWorkload()) steps.add(kubectl.rolloutStatus(o, p.integer("wait_timeout")));
        }
        return Change.of(diffs, steps);
    }

    private static Map<String, Object> required(Map<String, Object> stored, KubeObject o) {
        if (stored == null) throw new ModuleException("the server's dry run of kubectl apply did not answer " + o.subject());
        return stored;
    }

    private static Change delete(Params p, Kubectl kubectl, List<KubeObject> objects, ServerObjects live) {
        List<Diff> diffs = new ArrayList<>();
        List<KubeObject> existing = new ArrayList<>();
        for (KubeObject o : objects) {
            Map<String, Object> now = live.find(o);
            if (now == null) continue;
            existing.add(o);
            diffs.add(Diff.delete(ObjectDiffs.subject(o, now), null));
        }
        if (existing.isEmpty()) return Change.none();
        // reverse order: objects before their namespace; a namespace's deletion takes its objects with it
        java.util.Collections.reverse(existing);
        return Change.of(diffs, List.of(kubectl.withStdin("delete", existing)));
    }
}
