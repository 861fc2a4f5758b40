package dev.rigger.modules.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.FileState;
import dev.rigger.spi.Host;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.TestParams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * kubectl_apply against a scripted API server: {@code kubectl get -f -} answers the live objects,
 * the server-side dry run of {@code kubectl apply} answers what the server would store. The
 * server's answers here follow the real server's documented behaviour (zero values of omitempty
 * fields pruned, quantities in canonical form, a controller's writes kept).
 */
class KubectlApplyModuleTest {
    static final String MINI = YamlTest.resource("flannel-mini.yml");
    static final String FLANNEL = seedManifest("kube-flannel.yml");
    static final String DASHBOARD = seedManifest("dashboard-recommended.yaml");

    private final KubectlApplyModule module = new KubectlApplyModule();
    private final ModuleTester tester = ModuleTester.of(module);

    private static String seedManifest(String name) {
        try {
            return Files.readString(Path.of("..", "playbooks", "manifests", name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A scripted API server behind the host's kubectl: what get and the dry run print. */
    static final class Cluster implements Host {
        final List<Map<String, Object>> live = new ArrayList<>();
        /** The dry run's answer for one object kubectl sends (default: as the live one, i.e. nothing new stored). */
        UnaryOperator<Map<String, Object>> server = o -> null;
        boolean kubeconfig = true;
        String getError;
        final List<List<Probe>> rounds = new ArrayList<>();
        final List<String> dryRunSent = new ArrayList<>();

        public String name() { return "master"; }

        public Map<String, Object> facts() { return Map.of(); }

        public List<ProbeResult> probe(List<Probe> probes) {
            rounds.add(probes);
            List<ProbeResult> out = new ArrayList<>();
            for (Probe p : probes) {
                if (p instanceof Probe.Stat s) {
                    FileState f = kubeconfig ? new FileState(s.path(), FileState.Type.FILE, 0600, "root", "root", 1, "", null) : FileState.absent(s.path());
                    out.add(new ProbeResult(0, new byte[0], "", f));
                } else {
                    String script = ((Probe.Shell) p).script();
                    List<Map<String, Object>> sent = sent(script);
                    if (script.contains(" get -f - -o json --ignore-not-found")) {
                        if (getError != null) { out.add(ProbeResult.of(1, new byte[0], getError)); continue; }
                        out.add(ok(list(sent.stream().map(this::find).filter(x -> x != null).toList())));
                    } else {
                        assertThat(script).contains(" apply -o json -f - --dry-run=server");
                        sent.forEach(o -> dryRunSent.add(o.get("kind") + "/" + ((Map<?, ?>) o.get("metadata")).get("name")));
                        out.add(ok(list(sent.stream().map(o -> {
                            Map<String, Object> answer = server.apply(o);
                            return answer != null ? answer : find(o);
                        }).toList())));
                    }
                }
            }
            return out;
        }

        Map<String, Object> find(Map<String, Object> o) {
            for (Map<String, Object> l : live) {
                if (l.get("kind").equals(o.get("kind")) && meta(l).get("name").equals(meta(o).get("name"))) return l;
            }
            return null;
        }

        /** Every live object of the manifest as kubectl apply left it: the manifest, its annotation and the server's metadata, minus {@code pruned}. */
        Cluster applied(String manifest, UnaryOperator<Map<String, Object>> serverSide) {
            for (Yaml.Document d : Yaml.documents(manifest, "m")) {
                if (d.value() == null) continue;
                Map<String, Object> o = copy(d.value());
                Map<String, Object> meta = meta(o);
                Map<String, Object> ann = new LinkedHashMap<>(meta.get("annotations") instanceof Map<?, ?> a ? copy(a) : Map.of());
                ann.put(FieldDiff.LAST_APPLIED, Json.write(d.value()) + "\n");
                meta.put("annotations", ann);
                meta.put("uid", "u-" + meta.get("name"));
                meta.put("resourceVersion", "42");
                meta.put("creationTimestamp", "2020-05-01T10:00:00Z");
                live.add(serverSide.apply(o));
            }
            return this;
        }

        int kubectlProbesIn(int round) {
            return (int) rounds.get(round).stream().filter(p -> p instanceof Probe.Shell s && s.script().contains("kubectl ")).count();
        }

        private static ProbeResult ok(String stdout) {
            return ProbeResult.of(0, stdout.getBytes(StandardCharsets.UTF_8), "");
        }

        @SuppressWarnings("unchecked")
        private static List<Map<String, Object>> sent(String script) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (String line : script.lines().toList()) if (line.startsWith("{\"")) out.add((Map<String, Object>) Json.read(line));
            return out;
        }

        private static String list(List<Map<String, Object>> items) {
            if (items.size() == 1) return Json.write(items.get(0));
            if (items.isEmpty()) return "";
            return Json.write(Map.of("apiVersion", "v1", "kind", "List", "items", items));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> copy(Object v) {
        return (Map<String, Object>) Json.read(Json.write(v));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> meta(Map<String, Object> o) {
        return (Map<String, Object>) o.get("metadata");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> at(Map<String, Object> o, String... keys) {
        Map<String, Object> m = o;
        for (String k : keys) m = (Map<String, Object>) m.get(k);
        return m;
    }

    private Change plan(String manifest, Host host, Object... more) {
        Object[] kv = new Object[more.length + 2];
        kv[0] = "src";
        kv[1] = "m.yml";
        System.arraycopy(more, 0, kv, 2, more.length);
        return module.plan(TestParams.of(module.spec(), kv).localFile("m.yml", manifest), host);
    }

    private Change planWith(Host host, Map<String, Object> params) {
        Object[] kv = new Object[params.size() * 2];
        int k = 0;
        for (Map.Entry<String, Object> e : params.entrySet()) { kv[k++] = e.getKey(); kv[k++] = e.getValue(); }
        return module.plan(TestParams.of(module.spec(), kv), host);
    }

    /** The real server's storage of flannel's PodSecurityPolicy: the zero values of omitempty fields are not kept. */
    static Map<String, Object> pruneFalse(Map<String, Object> o) {
        if (o.get("kind").equals("PodSecurityPolicy")) {
            at(o, "spec").entrySet().removeIf(e -> Boolean.FALSE.equals(e.getValue()) || e.getValue() instanceof List<?> l && l.isEmpty());
        }
        return o;
    }

    @Test
    void freshCluster_createsEachObject_oneKubectlProcessInOneRoundTrip() {
        Cluster host = new Cluster();
        Change c = plan(MINI, host);
        assertThat(c.diffs()).extracting(Diff::action, Diff::subject).containsExactly(
                Tuple.tuple(Diff.Action.CREATE, "ServiceAccount/kube-system/flannel"),
                Tuple.tuple(Diff.Action.CREATE, "ClusterRole/flannel"),
                Tuple.tuple(Diff.Action.CREATE, "ConfigMap/kube-system/kube-flannel-cfg"),
                Tuple.tuple(Diff.Action.CREATE, "DaemonSet/kube-system/kube-flannel-ds-amd64"));
        assertThat(c.diffs().get(0).after()).isEqualTo("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: flannel\n  namespace: kube-system\n");
        assertThat(host.rounds).hasSize(1);
        assertThat(host.kubectlProbesIn(0)).isEqualTo(1);
        Step.Run apply = (Step.Run) c.steps().get(0);
        assertThat(apply.argv()).containsExactly("kubectl", "--kubeconfig", "/etc/kubernetes/admin.conf", "apply", "-f", "-");
        assertThat(new String(apply.stdin(), StandardCharsets.UTF_8).lines()).hasSize(4);
    }

    @Test
    void everythingLive_isNone_withoutAskingTheServerToDryRun() {
        Cluster host = new Cluster().applied(MINI, o -> o);
        assertThat(plan(MINI, host).isNone()).isTrue();
        assertThat(host.rounds).hasSize(1);
    }

    @Test
    void seedFlannel_explicitFalseFieldsPrunedByTheServer_isNone() {
        Cluster host = new Cluster().applied(FLANNEL, KubectlApplyModuleTest::pruneFalse);
        Change c = plan(FLANNEL, host);
        assertThat(c.diffs()).isEmpty();
        assertThat(c.isNone()).isTrue();
        assertThat(host.dryRunSent).containsExactly("PodSecurityPolicy/psp.flannel.unprivileged");
        assertThat(host.rounds).hasSize(2);
        assertThat(host.kubectlProbesIn(0)).isEqualTo(1);
        assertThat(host.kubectlProbesIn(1)).isEqualTo(1);
    }

    @Test
    void cpuHalf_storedAs500m_isNone_butAnotherCpuIsAChangeOfThatField() {
        String m = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: default}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      hostNetwork: false
                      containers:
                        - name: web
                          image: nginx:1.17
                          resources: {requests: {cpu: 0.5, memory: 64Mi}}
                          securityContext: {privileged: false}
                """;
        UnaryOperator<Map<String, Object>> server = o -> {
            Map<String, Object> pod = at(o, "spec", "template", "spec");
            pod.remove("hostNetwork");
            Map<String, Object> ctr = copy(((List<?>) pod.get("containers")).get(0));
            at(ctr, "resources", "requests").put("cpu", "500m");
            ctr.put("securityContext", Map.of("privileged", false)); // a *bool: kept
            ctr.put("terminationMessagePath", "/dev/termination-log");
            pod.put("containers", List.of(ctr));
            pod.put("restartPolicy", "Always");
            return o;
        };
        Cluster host = new Cluster().applied(m, server);
        assertThat(plan(m, host).isNone()).isTrue();
        assertThat(host.dryRunSent).containsExactly("Deployment/web");

        String more = m.replace("cpu: 0.5", "cpu: 0.75");
        host.server = o -> {
            Map<String, Object> stored = copy(host.live.get(0));
            Map<String, Object> ctr = copy(((List<?>) at(stored, "spec", "template", "spec").get("containers")).get(0));
            at(ctr, "resources", "requests").put("cpu", "750m");
            at(stored, "spec", "template", "spec").put("containers", List.of(ctr));
            return stored;
        };
        Change c = plan(more, host);
        assertThat(c.diffs()).containsExactly(Diff.update("Deployment/default/web spec.template.spec.containers[name=web].resources.requests.cpu", "500m", "750m"));
    }

    @Test
    void dashboard_csrfKeyWrittenByTheDashboard_isNotDrift_andOneKubectlProcessPerRoundTrip() {
        Cluster host = new Cluster().applied(DASHBOARD, o -> o);
        Map<String, Object> csrf = host.live.stream().filter(o -> meta(o).get("name").equals("kubernetes-dashboard-csrf")).findFirst().orElseThrow();
        at(csrf, "data").put("csrf", "c2VjcmV0LWtleQ=="); // the dashboard's controller wrote its key
        host.server = o -> {
            if (!meta(o).get("name").equals("kubernetes-dashboard-csrf")) return null;
            Map<String, Object> stored = copy(csrf);
            at(stored, "data").put("csrf", ""); // kubectl apply's three-way merge sends {"data":{"csrf":""}}
            return stored;
        };
        Change c = plan(DASHBOARD, host);
        assertThat(c.isNone()).isTrue();
        assertThat(host.dryRunSent).containsExactly("Secret/kubernetes-dashboard-csrf");
        assertThat(host.rounds).hasSize(2);
        assertThat(host.kubectlProbesIn(0)).isEqualTo(1);
        assertThat(host.kubectlProbesIn(1)).isEqualTo(1);

        // a real change of the Secret: the placeholder shows too (apply will blank it), its values hidden
        String labelled = DASHBOARD.replace("  name: kubernetes-dashboard-csrf\n", "  name: kubernetes-dashboard-csrf\n  annotations: {team: ops}\n");
        host.server = o -> {
            if (!meta(o).get("name").equals("kubernetes-dashboard-csrf")) return null;
            Map<String, Object> stored = copy(csrf);
            at(stored, "data").put("csrf", "");
            at(stored, "metadata", "annotations").put("team", "ops");
            return stored;
        };
        Change changed = plan(labelled, host);
        assertThat(changed.diffs()).containsExactly(
                Diff.update("Secret/kubernetes-dashboard/kubernetes-dashboard-csrf metadata.annotations.team", null, "ops"),
                Diff.update("Secret/kubernetes-dashboard/kubernetes-dashboard-csrf data.csrf", "(secret, 16 characters)", "(secret, 0 characters)"));
        assertThat(new String(((Step.Run) changed.steps().get(0)).stdin(), StandardCharsets.UTF_8).lines()).hasSize(1);
    }

    @Test
    void oneConfigMapValueChanged_showsThatObjectAndFieldOnly_andAppliesOnlyIt() {
        String changed = MINI.replace("\"Type\": \"vxlan\"", "\"Type\": \"host-gw\"");
        Cluster host = new Cluster().applied(MINI, o -> o);
        host.server = o -> {
            Map<String, Object> stored = copy(host.find(o));
            at(stored, "data").putAll(at(o, "data"));
            return stored;
        };
        Change c = plan(changed, host);
        assertThat(c.diffs()).hasSize(1);
        Diff d = c.diffs().get(0);
        assertThat(d.subject()).isEqualTo("ConfigMap/kube-system/kube-flannel-cfg data[\"net-conf.json\"]");
        assertThat(d.action()).isEqualTo(Diff.Action.UPDATE);
        assertThat(d.before()).contains("\"Type\": \"vxlan\"").doesNotContain("host-gw");
        assertThat(d.after()).contains("\"Type\": \"host-gw\"");
        assertThat(host.dryRunSent).containsExactly("ConfigMap/kube-flannel-cfg");
        String stdin = new String(((Step.Run) c.steps().get(0)).stdin(), StandardCharsets.UTF_8);
        assertThat(stdin.lines()).hasSize(1).allMatch(l -> l.contains("\"kube-flannel-cfg\""));
    }

    @Test
    void changedImage_isOneFieldDiffPerContainer_andWaitAddsARollout() {
        String changed = MINI.replace("quay.io/coreos/flannel:v0.12.0-amd64", "quay.io/coreos/flannel:v0.13.0-amd64");
        Cluster host = new Cluster().applied(MINI, o -> o);
        host.server = o -> o.get("kind").equals("DaemonSet") ? copy(new Cluster().applied(changed, x -> x).live.get(3)) : null;
        Change c = plan(changed, host, "wait", true, "wait_timeout", 30);
        assertThat(c.diffs()).extracting(Diff::subject).containsExactly( // the image is in the init container too
                "DaemonSet/kube-system/kube-flannel-ds-amd64 spec.template.spec.initContainers[name=install-cni].image",
                "DaemonSet/kube-system/kube-flannel-ds-amd64 spec.template.spec.containers[name=kube-flannel].image");
        assertThat(c.diffs().get(1).before()).isEqualTo("quay.io/coreos/flannel:v0.12.0-amd64");
        assertThat(c.steps()).element(1).isEqualTo(Step.Run.of("kubectl", "--kubeconfig", "/etc/kubernetes/admin.conf", "rollout", "status",
                "daemonset.apps/kube-flannel-ds-amd64", "-n", "kube-system", "--timeout=30s"));
    }

    @Test
    void aLabelRemovedSinceLastApply_isADiffToAbsent() {
        Map<String, Object> before = Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "c", "namespace", "default", "labels", Map.of("a", "1", "b", "2")));
        Cluster host = new Cluster().applied(Json.write(before), o -> o);
        host.server = o -> {
            Map<String, Object> stored = copy(host.live.get(0));
            at(stored, "metadata", "labels").remove("b");
            return stored;
        };
        Change c = planWith(host, Map.of("definition", Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "c", "namespace", "default", "labels", Map.of("a", "1")))));
        assertThat(c.diffs()).containsExactly(Diff.update("ConfigMap/default/c metadata.labels.b", "2", null));
    }

    @Test
    void noKubeconfigYet_everyObjectWouldBeCreated() {
        Cluster host = new Cluster();
        host.kubeconfig = false;
        host.getError = "error: stat /etc/kubernetes/admin.conf: no such file or directory";
        Change c = plan(MINI, host);
        assertThat(c.diffs()).hasSize(4).allMatch(d -> d.action() == Diff.Action.CREATE);
    }

    @Test
    void stateAbsent_deletesOnlyWhatExists() {
        Cluster host = new Cluster().applied(MINI, o -> o);
        host.live.remove(3);
        host.live.remove(1);
        Change c = plan(MINI, host, "state", "absent");
        assertThat(c.diffs()).containsExactly(Diff.delete("ServiceAccount/kube-system/flannel", null),
                Diff.delete("ConfigMap/kube-system/kube-flannel-cfg", null));
        Step.Run delete = (Step.Run) c.steps().get(0);
        assertThat(delete.argv()).containsExactly("kubectl", "--kubeconfig", "/etc/kubernetes/admin.conf", "delete", "-f", "-", "--ignore-not-found");
        assertThat(new String(delete.stdin(), StandardCharsets.UTF_8).lines()).hasSize(2)
                .first().asString().contains("\"kind\":\"ConfigMap\""); // reverse order: objects before their namespace
        assertThat(plan(MINI, new Cluster(), "state", "absent").isNone()).isTrue();
    }

    @Test
    void definition_listOrYamlText_andTheTasksNamespace() {
        Map<String, Object> cm = Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "a"), "data", Map.of("k", "v"));
        Cluster host = new Cluster();
        Change c = planWith(host, Map.of("definition", List.of(cm), "namespace", "demo"));
        assertThat(c.diffs().get(0).after()).contains("kind: ConfigMap\n", "metadata:\n  name: a\n", "data:\n  k: v\n");
        assertThat(((Step.Run) c.steps().get(0)).argv()).endsWith("apply", "-f", "-", "-n", "demo");
        assertThat(((Probe.Shell) host.rounds.get(0).get(1)).script()).startsWith("kubectl --kubeconfig '/etc/kubernetes/admin.conf' get -f - -o json --ignore-not-found -n 'demo' <<'RIGGER_OBJECTS'\n");
        Change text = planWith(host, Map.of("definition", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n", "namespace", "demo"));
        assertThat(text.diffs()).extracting(Diff::subject).containsExactly("Namespace/demo/demo");
    }

    @Test
    void hostileNamesNamespacesAndKubeconfig_stayLiteral() throws Exception {
        String name = "a;b $(touch /tmp/pwned) `id`\nRIGGER_OBJECTS";
        Map<String, Object> cm = Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "x", "namespace", "n"),
                "data", Map.of("k", name));
        Cluster host = new Cluster();
        planWith(host, Map.of("definition", cm, "kubeconfig", "/tmp/it's $(id).conf"));
        String script = ((Probe.Shell) host.rounds.get(0).get(1)).script();
        String echoed = FakeKubectl.run(script, "echo \"$@\"; cat");
        assertThat(echoed).startsWith("--kubeconfig /tmp/it's $(id).conf get -f - -o json --ignore-not-found\n")
                .contains("\"k\":\"a;b $(touch /tmp/pwned) `id`\\nRIGGER_OBJECTS\"");
    }

    @Test
    void aNamespaceOtherThanTheTasks_isRefused() {
        assertThatThrownBy(() -> plan(MINI, new Cluster(), "namespace", "default")).hasMessageContaining("but the task says namespace 'default'");
    }

    @Test
    void kindTheServerDoesNotKnowYet_isACreate_otherKubectlErrors_fail() {
        var p = TestParams.of(module.spec(), "src", "w.yml").localFile("w.yml", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n");
        Cluster unknown = new Cluster();
        unknown.getError = "error: resource mapping not found for name: \"w\" namespace: \"\" from \"STDIN\": no matches for kind \"Widget\" in version \"example.com/v1\"\n"
                + "ensure CRDs are installed first\n";
        assertThat(module.plan(p, unknown).diffs()).extracting(Diff::action).containsExactly(Diff.Action.CREATE);
        Cluster down = new Cluster();
        down.getError = "Unable to connect to the server: connection refused";
        assertThatThrownBy(() -> module.plan(p, down)).isInstanceOf(ModuleException.class)
                .hasMessage("kubectl could not read the objects: Unable to connect to the server: connection refused");
    }

    @Test
    void emptyManifest_isAnError() {
        assertThatThrownBy(() -> plan("# nothing\n---\n", new Cluster())).hasMessageContaining("holds no objects");
    }

    @Test
    void paramsNeedExactlyOneOfSrcAndDefinition() {
        assertThat(tester.problems(Map.of())).isNotEmpty();
        assertThat(tester.problems(Map.of("src", "a.yml", "definition", "x: 1"))).isNotEmpty();
    }
}
