package dev.rigger.modules.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Step;
import dev.rigger.spi.StepResult;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KubeadmModuleTest {
    static final String HASH = "sha256:03e5cad10c10171efeedc4d01252f36e5b254b07b7ddadebdf10ff8492543286";
    /** The tail of the stand-in's (and kubeadm 1.16's) init output. */
    static final String INIT_OUTPUT = """
            Then you can join any number of worker nodes by running the following on each as root:

            kubeadm join 127.0.10.10:6443 --token abcdef.0123456789abcdef \\
                --discovery-token-ca-cert-hash %s\s
            """.formatted(HASH);
    static final String NODES_JSON = "{\"apiVersion\":\"v1\",\"items\":[{\"metadata\":{\"name\":\"node10\"}},{\"metadata\":{\"name\":\"node11\"}}]}";
    static final String GET_NODES = "kubectl --kubeconfig /etc/kubernetes/admin.conf get nodes -o json";

    private final ModuleTester kubeadm = ModuleTester.of(new KubeadmModule());

    private static Map<String, Object> config(Object... more) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(Map.of("action", "config", "advertise_address", "127.0.10.10"));
        for (int i = 0; i < more.length; i += 2) m.put((String) more[i], more[i + 1]);
        return m;
    }

    @Test
    void config_withKubeadmDefaults_isInitDefaultsByteForByte() {
        String standIn = YamlTest.resource("init-defaults-node10.yaml");
        Change c = kubeadm.plan(config("advertise_address", "1.2.3.4"), new ScriptedHost().answer("uname -n", 0, "node10\n"));
        assertThat(c.diffs()).containsExactly(Diff.create("/root/kubeadm.yaml", standIn));
    }

    @Test
    void config_freshHost_writesTheOperatorsEditsAtomicallyValidatedByKubeadm() {
        ScriptedHost host = new ScriptedHost().answer("uname -n", 0, "node10\n");
        Change c = kubeadm.plan(config("kubernetes_version", "v1.16.2", "image_repository", "registry.aliyuncs.com/google_containers",
                "pod_subnet", "10.244.0.0/16", "node_name", "k8s-master"), host);
        String after = c.diffs().get(0).after();
        assertThat(after).contains("  advertiseAddress: 127.0.10.10\n", "kubernetesVersion: v1.16.2\n",
                "imageRepository: registry.aliyuncs.com/google_containers\n", "  name: k8s-master\n",
                "  podSubnet: 10.244.0.0/16\n  serviceSubnet: 10.96.0.0/12\n");
        Step.WriteFile w = (Step.WriteFile) c.steps().get(0);
        assertThat(w.path()).isEqualTo("/root/kubeadm.yaml");
        assertThat(w.mode()).isEqualTo(0600);
        assertThat(w.validate()).containsExactly("kubeadm", "config", "images", "list", "--config", "%s");
        assertThat(host.roundTrips()).containsExactly(2);
    }

    @Test
    void config_sameContent_isNone_otherContent_isAnUpdate() {
        ScriptedHost host = new ScriptedHost().answer("uname -n", 0, "node10\n");
        String current = kubeadm.plan(config(), host).diffs().get(0).after();
        host.file("/root/kubeadm.yaml", current, 0600);
        assertThat(kubeadm.plan(config(), host).isNone()).isTrue();
        Change c = kubeadm.plan(config("kubernetes_version", "v1.16.2"), host);
        assertThat(c.diffs()).extracting(Diff::action).containsExactly(Diff.Action.UPDATE);
        assertThat(c.diffs().get(0).before()).contains("kubernetesVersion: v1.16.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4\nkind: Evil", "$(reboot)", "1.2.3.4; rm -rf /", ""})
    void config_hostileAddress_isRefused(String address) {
        assertThatThrownBy(() -> kubeadm.plan(config("advertise_address", address), new ScriptedHost().answer("uname -n", 0, "n\n")))
                .isInstanceOf(ModuleException.class).hasMessageContaining("invalid advertise_address");
    }

    @Test
    void config_hostileRepositoryOrSubnet_isRefused() {
        ScriptedHost host = new ScriptedHost().answer("uname -n", 0, "n\n");
        assertThatThrownBy(() -> kubeadm.plan(config("image_repository", "x\nkind: Evil"), host)).hasMessageContaining("invalid image_repository");
        assertThatThrownBy(() -> kubeadm.plan(config("pod_subnet", "10.244.0.0/16 #"), host)).hasMessageContaining("invalid pod_subnet");
    }

    /** The list is asked only while admin.conf is missing: after init no kubeadm process starts. */
    static final String IMAGES_LIST = "[ -e /etc/kubernetes/admin.conf ] || exec kubeadm config images list --config '/root/kubeadm.yaml'";

    @Test
    void imagesPull_afterInit_isNone() {
        assertThat(kubeadm.plan(Map.of("action", "images_pull"), new ScriptedHost().file(KubeadmModule.ADMIN_CONF, "x", 0600)).isNone()).isTrue();
    }

    @Test
    void imagesPull_listIsGuardedByAdminConf_inTheShell() throws Exception {
        ScriptedHost host = new ScriptedHost().file(KubeadmModule.ADMIN_CONF, "x", 0600);
        kubeadm.plan(Map.of("action", "images_pull"), host);
        String script = host.asked().stream().filter(p -> p instanceof dev.rigger.spi.Probe.Shell)
                .map(p -> ((dev.rigger.spi.Probe.Shell) p).script()).findFirst().orElseThrow();
        assertThat(script).isEqualTo(IMAGES_LIST);
        // run by a real shell with a missing kubeadm: the guard decides whether it is started at all
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("guard");
        String s = script.replace("/etc/kubernetes/admin.conf", dir + "/admin.conf");
        Process p = new ProcessBuilder("/bin/sh", "-c", s).redirectErrorStream(true).start();
        assertThat(p.waitFor()).isEqualTo(127); // no admin.conf: kubeadm is run (and missing here)
        java.nio.file.Files.writeString(dir.resolve("admin.conf"), "x");
        p = new ProcessBuilder("/bin/sh", "-c", s).redirectErrorStream(true).start();
        assertThat(p.waitFor()).isEqualTo(0); // admin.conf: nothing is started
    }

    @Test
    void imagesPull_beforeInit_pullsWhatKubeadmLists_unverifiable() {
        ScriptedHost host = new ScriptedHost().answer(IMAGES_LIST, 0, "k8s.gcr.io/pause:3.1\n");
        Change c = kubeadm.plan(Map.of("action", "images_pull"), host);
        assertThat(c.verifiable()).isFalse();
        assertThat(c.diffs().get(0).after()).isEqualTo("k8s.gcr.io/pause:3.1\n");
        assertThat(c.steps()).containsExactly(Step.Run.of("kubeadm", "config", "images", "pull", "--config", "/root/kubeadm.yaml"));
        assertThat(host.roundTrips()).containsExactly(2);
    }

    static final String KUBEADM_CONFIG = "kubectl --kubeconfig /etc/kubernetes/admin.conf -n kube-system get configmap kubeadm-config"
            + " -o name --request-timeout=10s";

    @Test
    void init_isNoneWhenTheControlPlaneAnswersWithKubeadmConfig_elseOneStep() {
        ScriptedHost done = new ScriptedHost().file(KubeadmModule.ADMIN_CONF, "x", 0600).answer(KUBEADM_CONFIG, 0, "configmap/kubeadm-config\n");
        assertThat(kubeadm.plan(Map.of("action", "init"), done).isNone()).isTrue();
        assertThat(done.roundTrips()).containsExactly(3);
        Change c = kubeadm.plan(Map.of("action", "init", "config", "/etc/k.yaml"), new ScriptedHost());
        assertThat(c.steps()).containsExactly(Step.Run.of("kubeadm", "init", "--config", "/etc/k.yaml"));
        assertThat(c.verifiable()).isTrue();
    }

    @Test
    void init_halfDone_adminConfButNoControlPlane_isReportedWithReset_notSkipped() {
        // kubeadm 1.16 writes admin.conf in its kubeconfig phase, then fails in wait-control-plane
        ScriptedHost half = new ScriptedHost().file(KubeadmModule.ADMIN_CONF, "x", 0600)
                .answer(KUBEADM_CONFIG, 1, "");
        assertThatThrownBy(() -> kubeadm.plan(Map.of("action", "init"), half)).isInstanceOf(ModuleException.class)
                .hasMessageContaining("kubeadm init did not finish on this host: /etc/kubernetes/admin.conf exists but the control plane does not answer")
                .hasMessageContaining("kubeadm reset -f");
    }

    @Test
    void init_halfDone_controlPlaneWithoutKubeadmConfig_isReported() {
        ScriptedHost noUpload = new ScriptedHost().file(KubeadmModule.ADMIN_CONF, "x", 0600).answer(KUBEADM_CONFIG, 0, "");
        assertThatThrownBy(() -> kubeadm.plan(Map.of("action", "init"), noUpload))
                .hasMessageContaining("the control plane holds no kube-system/kubeadm-config ConfigMap").hasMessageContaining("kubeadm reset -f");
    }

    @Test
    void init_stoppedBeforeAdminConf_withManifestsLeft_isReported() {
        ScriptedHost early = new ScriptedHost().file(KubeadmModule.APISERVER_MANIFEST, "apiVersion: v1", 0600);
        assertThatThrownBy(() -> kubeadm.plan(Map.of("action", "init"), early))
                .hasMessageContaining("/etc/kubernetes/manifests/kube-apiserver.yaml exists but /etc/kubernetes/admin.conf does not")
                .hasMessageContaining("kubeadm reset -f");
    }

    @Test
    void init_outputs_joinCommandFromTheTwoLineForm_onOneLine() {
        var p = kubeadm.bind(Map.of("action", "init"));
        Map<String, Object> out = new KubeadmModule().outputs(p, List.of(new StepResult(Step.Run.of("kubeadm"), 0, INIT_OUTPUT, "")));
        assertThat(out).containsEntry("join_command",
                        "kubeadm join 127.0.10.10:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash " + HASH)
                .containsEntry("token", "abcdef.0123456789abcdef").containsEntry("ca_cert_hash", HASH)
                .containsEntry("api_server", "127.0.10.10:6443");
    }

    @Test
    void token_allNodesListed_isNone_withEmptyOutputs() {
        ScriptedHost host = new ScriptedHost().file(KubeadmModule.ADMIN_CONF, "x", 0600).answer(GET_NODES, 0, NODES_JSON);
        Change c = kubeadm.plan(Map.of("action", "token", "nodes", List.of("node11", "node10")), host);
        assertThat(c.isNone()).isTrue();
        assertThat(c.outputs()).containsEntry("join_command", "");
        assertThat(host.roundTrips()).containsExactly(2);
    }

    @Test
    void token_aNodeMissing_createsOneToken_unverifiable() {
        ScriptedHost host = new ScriptedHost().file(KubeadmModule.ADMIN_CONF, "x", 0600).answer(GET_NODES, 0, NODES_JSON);
        Change c = kubeadm.plan(Map.of("action", "token", "nodes", List.of("node10", "node11", "node12")), host);
        assertThat(c.diffs()).containsExactly(Diff.run("create a join token for node12"));
        assertThat(c.steps()).containsExactly(Step.Run.of("kubeadm", "token", "create", "--print-join-command"));
        assertThat(c.verifiable()).isFalse();
    }

    @Test
    void token_beforeInit_wouldCreateOne() {
        Change c = kubeadm.plan(Map.of("action", "token", "nodes", List.of("node11")), new ScriptedHost());
        assertThat(c.diffs()).containsExactly(Diff.run("create a join token for node11 (after init)"));
    }

    @Test
    void token_outputs_fromPrintJoinCommand() {
        String printed = "kubeadm join 127.0.10.10:6443 --token dw4hfl.od702kkusowznfzk     --discovery-token-ca-cert-hash " + HASH + " \n";
        var p = kubeadm.bind(Map.of("action", "token"));
        Map<String, Object> out = new KubeadmModule().outputs(p, List.of(new StepResult(Step.Run.of("kubeadm"), 0, printed, "")));
        assertThat(out).containsEntry("token", "dw4hfl.od702kkusowznfzk")
                .containsEntry("join_command", "kubeadm join 127.0.10.10:6443 --token dw4hfl.od702kkusowznfzk --discovery-token-ca-cert-hash " + HASH);
    }

    @Test
    void join_isNoneWhenKubeletConfExists_evenWithAnEmptyCommand() {
        ScriptedHost host = new ScriptedHost().file(KubeadmModule.KUBELET_CONF, "x", 0600);
        assertThat(kubeadm.plan(Map.of("action", "join", "command", ""), host).isNone()).isTrue();
    }

    @Test
    void join_fresh_runsTheCommandAsArgv() {
        Change c = kubeadm.plan(Map.of("action", "join", "command",
                "kubeadm join 127.0.10.10:6443 --token abcdef.0123456789abcdef \\\n    --discovery-token-ca-cert-hash " + HASH + " "), new ScriptedHost());
        assertThat(c.steps()).containsExactly(Step.Run.of("kubeadm", "join", "127.0.10.10:6443", "--token", "abcdef.0123456789abcdef",
                "--discovery-token-ca-cert-hash", HASH));
        assertThat(c.diffs().get(0).subject()).doesNotContain("abcdef");
    }

    @Test
    void join_fromParts() {
        Change c = kubeadm.plan(Map.of("action", "join", "api_server", "10.0.0.1:6443", "token", "abcdef.0123456789abcdef",
                "ca_cert_hash", HASH), new ScriptedHost());
        assertThat(((Step.Run) c.steps().get(0)).argv()).startsWith("kubeadm", "join", "10.0.0.1:6443");
    }

    @Test
    void join_withoutACommand_explainsWhy() {
        assertThatThrownBy(() -> kubeadm.plan(Map.of("action", "join", "command", ""), new ScriptedHost()))
                .hasMessageContaining("already listed");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "kubeadm join 10.0.0.1:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash " + HASH + "; rm -rf /",
            "kubeadm join 10.0.0.1:6443 --token $(touch /tmp/pwned) --discovery-token-ca-cert-hash " + HASH,
            "kubeadm join 10.0.0.1:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash `id`",
            "sh -c 'kubeadm join'",
            "/tmp/kubeadm join 10.0.0.1:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash " + HASH,
            "kubeadm reset -f",
            "kubeadm join 10.0.0.1:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash " + HASH + " --config /etc/shadow",
            "kubeadm join 10.0.0.1:6443 && rm -rf / --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash " + HASH})
    void join_hostileCommand_isRefusedBeforeAnything(String command) {
        ScriptedHost host = new ScriptedHost().file(KubeadmModule.KUBELET_CONF, "x", 0600);
        assertThatThrownBy(() -> kubeadm.plan(Map.of("action", "join", "command", command), host))
                .isInstanceOf(ModuleException.class).hasMessageStartingWith("refusing the join command");
        assertThat(host.asked()).isEmpty();
    }

    @Test
    void reset_onlyWhenSomethingIsThere() {
        assertThat(kubeadm.plan(Map.of("action", "reset"), new ScriptedHost()).isNone()).isTrue();
        Change c = kubeadm.plan(Map.of("action", "reset"), new ScriptedHost().file(KubeadmModule.KUBELET_CONF, "x", 0600));
        assertThat(c.steps()).containsExactly(Step.Run.of("kubeadm", "reset", "-f"));
    }
}
