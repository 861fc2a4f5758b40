package dev.rigger.lab.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * TEST STAND-IN for {@code kubeadm join} (worker nodes): preflight, token discovery against the
 * master's API stand-in exactly as kubeadm does it (cluster-info fetched without trust, its JWS
 * checked with the token, its CA checked against the pinned sha256 hash), then kubelet.conf,
 * pki/ca.crt and the Node registered under the host's name.
 */
final class KubeadmJoin {
    private final Kubeadm.Args a;

    KubeadmJoin(Kubeadm.Args a) { this.a = a; }

    int join() throws Exception {
        KubeadmConfig c = new KubeadmConfig(Kubeadm.VERSION, Host.hostname());
        if (a.flag("config") != null) {
            try { c.load(Path.of(a.flag("config"))); } catch (KubeadmConfig.ConfigException e) { throw new Kubeadm.Failure(e.getMessage()); }
        }
        String endpoint = a.word(1) != null ? a.word(1) : c.joinEndpoint;
        String token = a.flag("token") != null ? a.flag("token") : a.flag("discovery-token") != null ? a.flag("discovery-token") : c.joinToken;
        List<String> hashes = new ArrayList<>(c.caCertHashes);
        for (String h : a.all("discovery-token-ca-cert-hash")) hashes.addAll(List.of(h.split(",")));
        boolean skipCa = c.unsafeSkipCaVerification || a.has("discovery-token-unsafe-skip-ca-verification");
        if (a.flag("node-name") != null) c.nodeName = a.flag("node-name");
        if (endpoint == null || token == null)
            throw new Kubeadm.Failure("discovery: Invalid value: \"\": bootstrapToken or file must be set");
        if (!KubeadmConfig.TOKEN.matcher(token).matches())
            throw new Kubeadm.Failure("discovery.bootstrapToken.token: Invalid value: \"" + token + "\": the bootstrap token is invalid");
        if (hashes.isEmpty() && !skipCa)
            throw new Kubeadm.Failure("discovery.bootstrapToken: Invalid value: \"\": using token-based discovery without caCertHashes can be unsafe. Set unsafeSkipCAVerification to continue");
        var out = Kubeadm.OUT;
        out.println("[preflight] Running pre-flight checks");
        Preflight p = new Preflight();
        p.dirAvailable("/etc/kubernetes/manifests");
        p.fileAvailable("/etc/kubernetes/kubelet.conf");
        p.common();
        p.fileAvailable("/etc/kubernetes/pki/ca.crt");
        p.finish(a.all("ignore-preflight-errors"));
        String caPem = discover(endpoint, token, hashes, skipCa);
        out.println("[preflight] Reading configuration from the cluster...");
        out.println("[preflight] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -oyaml'");
        ApiClient api = new ApiClient("https://" + endpoint, caPem);
        String minor = "1." + Kubeadm.VERSION.split("\\.")[1];
        out.println("[kubelet-start] Downloading configuration for the kubelet from the \"kubelet-config-" + minor + "\" ConfigMap in the kube-system namespace");
        JsonNode kubeletCm = api.call("GET", "/api/v1/namespaces/kube-system/configmaps/kubelet-config-" + minor, null).body();
        String kubeletConfig = Json.text(kubeletCm, "data", "kubelet");
        if (kubeletConfig == null)
            throw new Kubeadm.Failure("error execution phase kubelet-start: configmaps \"kubelet-config-" + minor + "\" is forbidden: User \"system:bootstrap:"
                    + token.split("\\.")[0] + "\" cannot get resource \"configmaps\" in API group \"\" in the namespace \"kube-system\"");
        out.println("[kubelet-start] Writing kubelet configuration to file \"/var/lib/kubelet/config.yaml\"");
        Host.write(Path.of("/var/lib/kubelet/config.yaml"), kubeletConfig, null);
        out.println("[kubelet-start] Writing kubelet environment file with flags to file \"/var/lib/kubelet/kubeadm-flags.env\"");
        Host.write(Path.of("/var/lib/kubelet/kubeadm-flags.env"), "KUBELET_KUBEADM_ARGS=\"--cgroup-driver=cgroupfs --network-plugin=cni\"\n", null);
        Host.write(Path.of("/etc/kubernetes/pki/ca.crt"), caPem, "rw-r--r--");
        Host.write(Path.of("/etc/kubernetes/kubelet.conf"),
                KubeadmInit.kubeconfig("kubernetes", "https://" + endpoint, caPem, "system:node:" + c.nodeName, null, token), "rw-------");
        out.println("[kubelet-start] Activating the kubelet service");
        if (Host.serviceInstalled("kubelet")) Host.service("kubelet", "restart");
        out.println("[kubelet-start] Waiting for the kubelet to perform the TLS Bootstrap...");
        ApiClient.Response r = api.call("POST", "/api/v1/nodes", Seed.node(c.nodeName, ownAddress(endpoint)));
        if (r.code() / 100 != 2 && r.code() != 409)
            throw new Kubeadm.Failure("error execution phase kubelet-start: error uploading crisocket: " + Json.text(r.body(), "message"));
        out.println();
        out.println("This node has joined the cluster:");
        out.println("* Certificate signing request was sent to apiserver and a response was received.");
        out.println("* The Kubelet was informed of the new secure connection details.");
        out.println();
        out.println("Run 'kubectl get nodes' on the control-plane to see this node join the cluster.");
        out.println();
        return 0;
    }

    /** Token discovery; returns the cluster CA (PEM). */
    private String discover(String endpoint, String token, List<String> hashes, boolean skipCa) throws Exception {
        String id = token.split("\\.")[0], secret = token.split("\\.")[1];
        ApiClient insecure = new ApiClient("https://" + endpoint, null);
        long timeout = Long.parseLong(System.getenv().getOrDefault("KUBEADM_STANDIN_DISCOVERY_TIMEOUT", "15"));
        long end = System.nanoTime() + timeout * 1_000_000_000L;
        JsonNode ci = null;
        while (ci == null) {
            try {
                ApiClient.Response r = insecure.call("GET", "/api/v1/namespaces/kube-public/configmaps/cluster-info", null);
                if (r.code() == 200) ci = r.body();
                else Kubeadm.ERR.println("[discovery] Failed to request cluster info, will try again: " + Json.text(r.body(), "message"));
            } catch (Exception e) {
                Kubeadm.ERR.println("[discovery] Failed to request cluster info, will try again: Get https://" + endpoint
                        + "/api/v1/namespaces/kube-public/configmaps/cluster-info: dial tcp " + endpoint + ": connect: connection refused");
            }
            if (ci == null) {
                if (System.nanoTime() > end)
                    throw new Kubeadm.Failure("error execution phase preflight: couldn't validate the identity of the API Server: abort connecting to API servers after timeout of 5m0s");
                Thread.sleep(1000);
            }
        }
        String kubeconfig = Json.text(ci, "data", "kubeconfig");
        String jws = Json.text(ci, "data", "jws-kubeconfig-" + id);
        if (jws == null || jws.isEmpty())
            throw new Kubeadm.Failure("error execution phase preflight: couldn't validate the identity of the API Server: token id \"" + id
                    + "\" is invalid for this cluster or it has expired. Use \"kubeadm token create\" on the control-plane node to create a new valid token");
        if (!jws.equals(Cluster.jws(kubeconfig, id, secret)))
            throw new Kubeadm.Failure("error execution phase preflight: couldn't validate the identity of the API Server: failed to verify JWS signature of received cluster info object, can't trust this API Server");
        JsonNode kc = Json.YAML.readTree(kubeconfig);
        String caData = Json.text(kc.path("clusters").path(0).path("cluster"), "certificate-authority-data");
        String caPem = new String(Base64.getDecoder().decode(caData), StandardCharsets.UTF_8);
        String actual = Pki.caHash(caPem);
        if (!skipCa) {
            boolean pinned = false;
            for (String h : hashes) pinned |= h.trim().equalsIgnoreCase(actual);
            if (!pinned)
                throw new Kubeadm.Failure("error execution phase preflight: couldn't validate the identity of the API Server: cluster CA found in cluster-info ConfigMap is invalid: none of the public keys \""
                        + actual + "\" are pinned");
        }
        return caPem;
    }

    /** This host's address: the /etc/hosts entry of its name, else the first non-loopback-127.0.0.1 address. */
    private static String ownAddress(String endpoint) {
        String host = Host.hostname();
        try {
            for (String line : Files.readAllLines(Path.of("/etc/hosts"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 2 || f[0].startsWith("#")) continue;
                for (int i = 1; i < f.length; i++) if (f[i].equalsIgnoreCase(host) && !f[0].equals("127.0.0.1")) return f[0];
            }
        } catch (Exception ignored) { /* fall through */ }
        return endpoint.split(":")[0];
    }
}
