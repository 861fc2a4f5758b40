package dev.rigger.modules.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.spi.Probe;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dry-run probe run for real by /bin/sh against fake kubectl clients of both flag spellings. */
class KubectlTest {
    private static final List<KubeObject> CM = List.of(KubeObject.of(
            Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "c", "namespace", "default")), null, null));
    private static final String SCRIPT = ((Probe.Shell) new Kubectl("/etc/kubernetes/admin.conf", null).serverDryRun(CM)).script();

    /** kubectl 1.16.2: --dry-run is a bool flag; the server-side spelling is --server-dry-run (pflag's words on stderr, exit 1). */
    private static final String KUBECTL_1_16 = """
            echo "$*" >> "$CALLS"
            case "$*" in
            *--dry-run=server*) echo 'error: invalid argument "server" for "--dry-run" flag: strconv.ParseBool: parsing "server": invalid syntax' >&2
              echo "See 'kubectl apply --help' for usage." >&2; exit 1 ;;
            *--server-dry-run*) sed 's/"name":"c"/"name":"c","uid":"dry"/' ;;
            esac""";

    /** kubectl 1.18 and later: --dry-run=server; --server-dry-run is gone (1.23+). */
    private static final String KUBECTL_CURRENT = """
            echo "$*" >> "$CALLS"
            case "$*" in
            *--server-dry-run*) echo 'error: unknown flag: --server-dry-run' >&2; exit 1 ;;
            *--dry-run=server*) sed 's/"name":"c"/"name":"c","uid":"dry"/' ;;
            esac""";

    @Test
    void kubectl116_getsTheOldSpelling_afterTheNewOneIsRefusedWhileParsingFlags() throws Exception {
        String out = FakeKubectl.run(SCRIPT, KUBECTL_1_16);
        assertThat(out).startsWith("{").contains("\"name\":\"c\",\"uid\":\"dry\"")
                .endsWith("calls:\n--kubeconfig /etc/kubernetes/admin.conf apply -o json -f - --dry-run=server\n"
                        + "--kubeconfig /etc/kubernetes/admin.conf apply -o json -f - --server-dry-run\n");
    }

    @Test
    void currentKubectl_oneProcess() throws Exception {
        String out = FakeKubectl.run(SCRIPT, KUBECTL_CURRENT);
        assertThat(out).contains("\"uid\":\"dry\"").endsWith("calls:\n--kubeconfig /etc/kubernetes/admin.conf apply -o json -f - --dry-run=server\n");
    }

    @Test
    void aServerRefusal_isKubectlsOwnFailure_notRetried() throws Exception {
        String out = FakeKubectl.run(SCRIPT, "echo \"$*\" >> \"$CALLS\"; echo 'The ConfigMap \"c\" is invalid: data: Invalid value' >&2; exit 1");
        assertThat(out).startsWith("rc=1 The ConfigMap \"c\" is invalid: data: Invalid value").contains("calls:\n--kubeconfig").doesNotContain("--server-dry-run");
    }
}
