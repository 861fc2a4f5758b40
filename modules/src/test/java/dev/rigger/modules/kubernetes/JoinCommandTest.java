package dev.rigger.modules.kubernetes;

import static dev.rigger.modules.kubernetes.KubeadmModuleTest.HASH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JoinCommandTest {

    @Test
    void fromOutput_joinsTheBackslashContinuation() {
        JoinCommand j = JoinCommand.fromOutput(KubeadmModuleTest.INIT_OUTPUT).orElseThrow();
        assertThat(j.line()).isEqualTo("kubeadm join 127.0.10.10:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash " + HASH);
    }

    @Test
    void fromOutput_withoutAJoinCommand_isEmpty() {
        assertThat(JoinCommand.fromOutput("[preflight] Running pre-flight checks\n")).isEmpty();
    }

    @Test
    void parse_acceptsEqualsFormsFlagsAndKnownOptions() {
        JoinCommand j = JoinCommand.parse("kubeadm join [fd00::1]:6443 --token=abcdef.0123456789abcdef --discovery-token-ca-cert-hash="
                + HASH + " --control-plane --node-name k8s-slave2");
        assertThat(j.argv()).containsExactly("kubeadm", "join", "[fd00::1]:6443", "--token", "abcdef.0123456789abcdef",
                "--discovery-token-ca-cert-hash", HASH, "--control-plane", "--node-name", "k8s-slave2");
    }

    @Test
    void parse_needsTokenAndHash() {
        assertThatThrownBy(() -> JoinCommand.parse("kubeadm join 10.0.0.1:6443 --token abcdef.0123456789abcdef"))
                .hasMessageContaining("needs --token and --discovery-token-ca-cert-hash");
    }

    @Test
    void parse_aFlagWithAValue_isRefused() {
        assertThatThrownBy(() -> JoinCommand.parse("kubeadm join 10.0.0.1:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash "
                + HASH + " --control-plane=$(id)")).hasMessageContaining("takes no value");
    }

    @Test
    void parse_aNewlineInsideTheCommand_isRefused() {
        assertThatThrownBy(() -> JoinCommand.parse("kubeadm join 10.0.0.1:6443 --token abcdef.0123456789abcdef\nrm -rf / --discovery-token-ca-cert-hash " + HASH))
                .hasMessageContaining("unexpected word 'rm'");
    }
}
