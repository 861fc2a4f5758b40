package dev.rigger.modules.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.FileState;
import dev.rigger.spi.Host;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import dev.rigger.testkit.TestParams;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubectlApplyModuleTest {
    static final String KC = "kubectl --kubeconfig /etc/kubernetes/admin.conf ";
    static final String GET_SA = KC + "get ServiceAccount flannel -n kube-system -o json --ignore-not-found";
    static final String GET_CR = KC + "get ClusterRole.rbac.authorization.k8s.io flannel -o json --ignore-not-found";
    static final String GET_CM = KC + "get ConfigMap kube-flannel-cfg -n kube-system -o json --ignore-not-found";
    static final String GET_DS = KC + "get DaemonSet.apps kube-flannel-ds-amd64 -n kube-system -o json --ignore-not-found";
    static final String MINI = YamlTest.resource("flannel-mini.yml");

    private final KubectlApplyModule module = new KubectlApplyModule();
    private final ModuleTester tester = ModuleTester.of(module);

    /** The live object as the server keeps it: the manifest's fields plus its own metadata and status. */
    @SuppressWarnings("unchecked")
    private static String live(int document, String manifest) {
        Map<String, Object> o = (Map<String, Object>) Json.read(Json.write(Yaml.documents(manifest, "m").get(document).value()));
        ((Map<String, Object>) o.get("metadata")).put("uid", "0b1c");
        ((Map<String, Object>) o.get("metadata")).put("resourceVersion", "42");
        if (o.get("kind").equals("DaemonSet")) o.put("status", Map.of("numberReady", 2));
        return Json.write(o);
    }

    private Change plan(String manifest, ScriptedHost host, Object... more) {
        Object[] kv = new Object[more.length + 2];
        kv[0] = "src";
        kv[1] = "flannel.yml";
        System.arraycopy(more, 0, kv, 2, more.length);
        return module.plan(TestParams.of(module.spec(), kv).localFile("flannel.yml", manifest), host);
    }

    private static ScriptedHost cluster() {
        return new ScriptedHost().file(KubectlApplyModule.ADMIN_CONF, "x", 0600);
    }

    private static ScriptedHost allLive(String manifest) {
        return cluster().answer(GET_SA, 0, live(0, manifest)).answer(GET_CR, 0, live(1, manifest))
                .answer(GET_CM, 0, live(2, manifest)).answer(GET_DS, 0, live(3, manifest));
    }

    @Test
    void freshCluster_createsEachObject_readInOneRoundTrip() {
        ScriptedHost host = cluster().answer(GET_SA, 0, "").answer(GET_CR, 0, "").answer(GET_CM, 0, "").answer(GET_DS, 0, "");
        Change c = plan(MINI, host);
        assertThat(c.diffs()).extracting(Diff::action, Diff::subject).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Diff.Action.CREATE, "ServiceAccount/kube-system/flannel"),
                org.assertj.core.groups.Tuple.tuple(Diff.Action.CREATE, "ClusterRole/flannel"),
                org.assertj.core.groups.Tuple.tuple(Diff.Action.CREATE, "ConfigMap/kube-system/kube-flannel-cfg"),
                org.assertj.core.groups.Tuple.tuple(Diff.Action.CREATE, "DaemonSet/kube-system/kube-flannel-ds-amd64"));
        assertThat(c.diffs().get(0).after()).isEqualTo("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: flannel\n  namespace: kube-system\n");
        assertThat(host.roundTrips()).containsExactly(5);
        Step.Run apply = (Step.Run) c.steps().get(0);
        assertThat(apply.argv()).containsExactly("kubectl", "--kubeconfig", "/etc/kubernetes/admin.conf", "apply", "-f", "-");
        assertThat(new String(apply.stdin(), StandardCharsets.UTF_8).lines()).hasSize(4);
    }

    @Test
    void everythingLive_isNone() {
        assertThat(plan(MINI, allLive(MINI)).isNone()).isTrue();
    }

    @Test
    void oneConfigMapValueChanged_showsThatObjectAndFieldOnly_andAppliesOnlyIt() {
        String changed = MINI.replace("\"Type\": \"vxlan\"", "\"Type\": \"host-gw\"");
        Change c = plan(changed, allLive(MINI));
        assertThat(c.diffs()).hasSize(1);
        Diff d = c.diffs().get(0);
        assertThat(d.subject()).isEqualTo("ConfigMap/kube-system/kube-flannel-cfg data[\"net-conf.json\"]");
        assertThat(d.action()).isEqualTo(Diff.Action.UPDATE);
        assertThat(d.before()).contains("\"Type\": \"vxlan\"").doesNotContain("host-gw");
        assertThat(d.after()).contains("\"Type\": \"host-gw\"");
        String stdin = new String(((Step.Run) c.steps().get(0)).stdin(), StandardCharsets.UTF_8);
        assertThat(stdin.lines()).hasSize(1).allMatch(l -> l.contains("\"kube-flannel-cfg\""));
    }

    @Test
    void changedImage_inANamedContainer_isOneFieldDiff_andWaitAddsARollout() {
        String changed = MINI.replace("quay.io/coreos/flannel:v0.12.0-amd64", "quay.io/coreos/flannel:v0.13.0-amd64");
        Change c = plan(changed, allLive(MINI), "wait", true, "wait_timeout", 30);
        assertThat(c.diffs()).extracting(Diff::subject).containsExactly( // the image is in the init container too
                "DaemonSet/kube-system/kube-flannel-ds-amd64 spec.template.spec.initContainers[name=install-cni].image",
                "DaemonSet/kube-system/kube-flannel-ds-amd64 spec.template.spec.containers[name=kube-flannel].image");
        assertThat(c.diffs().get(1).before()).isEqualTo("quay.io/coreos/flannel:v0.12.0-amd64");
        assertThat(c.steps()).element(1).isEqualTo(Step.Run.of("kubectl", "--kubeconfig", "/etc/kubernetes/admin.conf", "rollout", "status",
                "daemonset.apps/kube-flannel-ds-amd64", "-n", "kube-system", "--timeout=30s"));
    }

    @Test
    void aLabelRemovedSinceLastApply_isADiffToAbsent() {
        String liveCm = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"namespace\":\"default\",\"labels\":{\"a\":\"1\",\"b\":\"2\"},"
                + "\"annotations\":{\"" + FieldDiff.LAST_APPLIED + "\":\"{\\\"apiVersion\\\":\\\"v1\\\",\\\"kind\\\":\\\"ConfigMap\\\",\\\"metadata\\\":"
                + "{\\\"annotations\\\":{},\\\"labels\\\":{\\\"a\\\":\\\"1\\\",\\\"b\\\":\\\"2\\\"},\\\"name\\\":\\\"c\\\",\\\"namespace\\\":\\\"default\\\"}}\\n\"}}}";
        ScriptedHost host = cluster().answer(KC + "get ConfigMap c -n default -o json --ignore-not-found", 0, liveCm);
        Change c = tester.plan(Map.of("definition", Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "c", "namespace", "default", "labels", Map.of("a", "1")))), host);
        assertThat(c.diffs()).containsExactly(Diff.update("ConfigMap/default/c metadata.labels.b", "2", null));
    }

    @Test
    void noKubeconfigYet_everyObjectWouldBeCreated() {
        Change c = plan(MINI, new ScriptedHost());
        assertThat(c.diffs()).hasSize(4).allMatch(d -> d.action() == Diff.Action.CREATE);
    }

    @Test
    void stateAbsent_deletesOnlyWhatExists() {
        ScriptedHost host = cluster().answer(GET_SA, 0, live(0, MINI)).answer(GET_CR, 0, "").answer(GET_CM, 0, live(2, MINI)).answer(GET_DS, 0, "");
        Change c = plan(MINI, host, "state", "absent");
        assertThat(c.diffs()).containsExactly(Diff.delete("ServiceAccount/kube-system/flannel", null),
                Diff.delete("ConfigMap/kube-system/kube-flannel-cfg", null));
        Step.Run delete = (Step.Run) c.steps().get(0);
        assertThat(delete.argv()).containsExactly("kubectl", "--kubeconfig", "/etc/kubernetes/admin.conf", "delete", "-f", "-", "--ignore-not-found");
        assertThat(new String(delete.stdin(), StandardCharsets.UTF_8).lines()).hasSize(2)
                .first().asString().contains("\"kind\":\"ConfigMap\""); // reverse order: objects before their namespace
        assertThat(plan(MINI, cluster().answer(GET_SA, 0, "").answer(GET_CR, 0, "").answer(GET_CM, 0, "").answer(GET_DS, 0, ""),
                "state", "absent").isNone()).isTrue();
    }

    @Test
    void definition_listOrYamlText_andTheTasksNamespace() {
        Map<String, Object> cm = Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "a"), "data", Map.of("k", "v"));
        ScriptedHost host = cluster().answer(KC + "get ConfigMap a -n demo -o json --ignore-not-found", 0, "")
                .answer(KC + "get Namespace demo -n demo -o json --ignore-not-found", 0, "");
        Change c = tester.plan(Map.of("definition", List.of(cm), "namespace", "demo"), host);
        assertThat(c.diffs().get(0).after()).contains("kind: ConfigMap\n", "metadata:\n  name: a\n", "data:\n  k: v\n");
        assertThat(((Step.Run) c.steps().get(0)).argv()).endsWith("apply", "-f", "-", "-n", "demo");
        Change text = tester.plan(Map.of("definition", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n", "namespace", "demo"), host);
        assertThat(text.diffs()).extracting(Diff::subject).containsExactly("Namespace/demo/demo");
    }

    @Test
    void hostileNamesAndNamespaces_reachKubectlAsLiteralWords() {
        String name = "a;b $(touch /tmp/pwned) `id`";
        String ns = "x'y\"z";
        ScriptedHost host = cluster().answer(KC + "get ConfigMap " + name + " -n " + ns + " -o json --ignore-not-found", 0, "");
        Change c = tester.plan(Map.of("definition", Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", name, "namespace", ns))), host);
        assertThat(host.asked()).element(1).isEqualTo(new Probe.Run(List.of("kubectl", "--kubeconfig",
                "/etc/kubernetes/admin.conf", "get", "ConfigMap", name, "-n", ns, "-o", "json", "--ignore-not-found")));
        assertThat(c.diffs()).extracting(Diff::subject).containsExactly("ConfigMap/" + ns + "/" + name);
    }

    @Test
    void aNameThatReadsAsAnOption_isRefused() {
        assertThatThrownBy(() -> tester.plan(Map.of("definition", Map.of("apiVersion", "v1", "kind", "ConfigMap",
                "metadata", Map.of("name", "--all"))), cluster())).isInstanceOf(ModuleException.class).hasMessageContaining("not start with '-'");
    }

    @Test
    void aNamespaceOtherThanTheTasks_isRefused() {
        assertThatThrownBy(() -> plan(MINI, cluster(), "namespace", "default")).hasMessageContaining("but the task says namespace 'default'");
    }

    @Test
    void kindTheServerDoesNotKnowYet_isACreate_otherKubectlErrors_fail() {
        var p = TestParams.of(module.spec(), "src", "w.yml").localFile("w.yml", "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n");
        assertThat(module.plan(p, kubectlFails("error: the server doesn't have a resource type \"Widget\"")).diffs())
                .extracting(Diff::action).containsExactly(Diff.Action.CREATE);
        assertThatThrownBy(() -> module.plan(p, kubectlFails("Unable to connect to the server: connection refused")))
                .hasMessage("kubectl could not read Widget/w: Unable to connect to the server: connection refused");
    }

    /** A host with a kubeconfig whose kubectl fails with {@code stderr}; ScriptedHost answers have no stderr. */
    private static Host kubectlFails(String stderr) {
        return new Host() {
            public String name() { return "h"; }

            public Map<String, Object> facts() { return Map.of(); }

            public List<ProbeResult> probe(List<Probe> probes) {
                FileState conf = new FileState(KubectlApplyModule.ADMIN_CONF, FileState.Type.FILE, 0600, "root", "root", 1, "", null);
                return List.of(new ProbeResult(0, new byte[0], "", conf), ProbeResult.of(1, new byte[0], stderr));
            }
        };
    }

    @Test
    void emptyManifest_isAnError() {
        assertThatThrownBy(() -> plan("# nothing\n---\n", cluster())).hasMessageContaining("holds no objects");
    }

    @Test
    void paramsNeedExactlyOneOfSrcAndDefinition() {
        assertThat(tester.problems(Map.of())).isNotEmpty();
        assertThat(tester.problems(Map.of("src", "a.yml", "definition", "x: 1"))).isNotEmpty();
    }
}
