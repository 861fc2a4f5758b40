package dev.rigger.modules.kubernetes;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.Host;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import dev.rigger.spi.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code kubeadm action=token}: a fresh join command only while a node still has to join, so a
 * converged cluster never gets a new token. Which nodes are in is read with kubectl on the master.
 * Creating a token does not make the node join, so re-planning cannot prove anything: the
 * change is unverifiable.
 */
final class TokenPlan {
    /** What the token task registers when no token was needed: empty, so workers' templates still resolve. */
    static final Map<String, Object> NO_TOKEN = Map.of("join_command", "", "token", "", "ca_cert_hash", "", "api_server", "");

    private TokenPlan() { }

    /** Whether init ran, and with nodes named the nodes the cluster has. */
    static List<Probe> probes(List<String> nodes) {
        List<Probe> probes = new ArrayList<>(List.of(new Probe.Stat(KubeadmModule.ADMIN_CONF)));
        if (!nodes.isEmpty()) probes.add(new Probe.Run(List.of("kubectl", "--kubeconfig", KubeadmModule.ADMIN_CONF, "get", "nodes", "-o", "json")));
        return probes;
    }

    static Change plan(List<String> nodes, Host host) {
        List<ProbeResult> r = host.probe(probes(nodes));
        String why;
        if (nodes.isEmpty()) {
            why = "create a join token";
        } else if (!KubeadmModule.exists(r.get(0))) {
            why = "create a join token for " + String.join(", ", nodes) + " (after init)";
        } else {
            if (!r.get(1).ok()) throw new ModuleException("kubectl get nodes failed: " + r.get(1).error().strip());
            List<String> missing = new ArrayList<>(nodes);
            missing.removeAll(names(r.get(1).text()));
            if (missing.isEmpty()) return Change.none(NO_TOKEN);
            why = "create a join token for " + String.join(", ", missing);
        }
        return Change.of(List.of(Diff.run(why)), List.of(Step.Run.of("kubeadm", "token", "create", "--print-join-command"))).unverifiable();
    }

    /** The node names in {@code kubectl get nodes -o json}. */
    static List<String> names(String json) {
        List<String> names = new ArrayList<>();
        Object doc = Json.read(json);
        Object items = doc instanceof Map<?, ?> m ? m.get("items") : null;
        if (!(items instanceof List<?> list)) throw new ModuleException("kubectl get nodes printed no list of nodes");
        for (Object item : list) {
            Object meta = item instanceof Map<?, ?> i ? i.get("metadata") : null;
            if (meta instanceof Map<?, ?> md && md.get("name") != null) names.add(md.get("name").toString());
        }
        return names;
    }
}
