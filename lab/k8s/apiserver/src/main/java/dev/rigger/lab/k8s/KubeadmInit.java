package dev.rigger.lab.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * TEST STAND-IN for {@code kubeadm init}: validates the config, runs preflight, makes the PKI
 * and kubeconfigs, writes the static-pod manifests and /var/lib/etcd, seeds the API objects into
 * /var/lib/etcd/member/standin-objects.json and starts the API stand-in as the service
 * {@code kube-apiserver-standin} on advertiseAddress:bindPort (HTTPS, the CA's serving cert).
 */
final class KubeadmInit {
    static final Path K8S = Path.of("/etc/kubernetes");
    static final Path STANDIN_CONFIG = K8S.resolve("standin/apiserver.json");
    static final String SERVICE = "kube-apiserver-standin";

    private final Kubeadm.Args a;

    KubeadmInit(Kubeadm.Args a) { this.a = a; }

    int init() throws Exception {
        KubeadmConfig c = Kubeadm.loadConfig(a);
        if (a.flag("apiserver-advertise-address") != null) c.advertiseAddress = a.flag("apiserver-advertise-address");
        if (a.flag("apiserver-bind-port") != null) c.bindPort = Integer.parseInt(a.flag("apiserver-bind-port"));
        if (a.flag("pod-network-cidr") != null) c.podSubnet = a.flag("pod-network-cidr");
        if (a.flag("service-cidr") != null) c.serviceSubnet = a.flag("service-cidr");
        if (a.flag("node-name") != null) c.nodeName = a.flag("node-name");
        if (a.flag("token") != null) c.token = a.flag("token");
        if (a.flag("token-ttl") != null) c.tokenTtl = a.flag("token-ttl");
        try { c.validateInit(Kubeadm.VERSION); } catch (KubeadmConfig.ConfigException e) { throw new Kubeadm.Failure(e.getMessage()); }
        var out = Kubeadm.OUT;
        out.println("[init] Using Kubernetes version: " + c.kubernetesVersion);
        out.println("[preflight] Running pre-flight checks");
        Preflight p = new Preflight();
        p.port(c.advertiseAddress, c.bindPort);
        for (String m : List.of("kube-apiserver", "kube-controller-manager", "kube-scheduler", "etcd"))
            p.fileAvailable("/etc/kubernetes/manifests/" + m + ".yaml");
        p.common();
        p.dirAvailable(c.etcdDataDir);
        p.finish(a.all("ignore-preflight-errors"));
        out.println("[preflight] Pulling images required for setting up a Kubernetes cluster");
        out.println("[preflight] This might take a minute or two, depending on the speed of your internet connection");
        out.println("[preflight] You can also perform this action in beforehand using 'kubeadm config images pull'");
        long t0 = System.nanoTime();
        kubeletFiles(c);
        out.println("[kubelet-start] Activating the kubelet service");
        if (Host.serviceInstalled("kubelet")) Host.service("kubelet", "restart");
        Path pki = Path.of(c.certificatesDir);
        out.println("[certs] Using certificateDir folder \"" + pki + "\"");
        if (!Files.exists(pki.resolve("ca.crt")) || !Files.exists(pki.resolve("ca.key"))) {
            out.println("[certs] Generating \"ca\" certificate and key");
            Pki.makeCa(pki);
        } else out.println("[certs] Using existing ca certificate authority");
        String svcIp = ClusterConfig.nth(c.serviceSubnet, 1);
        String dns = c.nodeName + " kubernetes kubernetes.default kubernetes.default.svc kubernetes.default.svc." + c.dnsDomain;
        out.println("[certs] Generating \"apiserver\" certificate and key");
        out.println("[certs] apiserver serving cert is signed for DNS names [" + dns + "] and IPs [" + svcIp + " " + c.advertiseAddress + "]");
        StringBuilder san = new StringBuilder("subjectAltName=");
        for (String d : dns.split(" ")) san.append("DNS:").append(d).append(',');
        san.append("IP:").append(svcIp).append(",IP:").append(c.advertiseAddress);
        Pki.makeSigned(pki, "apiserver", "/CN=kube-apiserver", san + "\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n");
        Path tmp = Files.createTempDirectory(pki, ".admin");
        Files.copy(pki.resolve("ca.crt"), tmp.resolve("ca.crt"));
        Files.copy(pki.resolve("ca.key"), tmp.resolve("ca.key"));
        Pki.makeSigned(tmp, "admin", "/O=system:masters/CN=kubernetes-admin", "extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n");
        String caPem = Files.readString(pki.resolve("ca.crt"));
        String server = "https://" + c.advertiseAddress + ":" + c.bindPort;
        out.println("[kubeconfig] Using kubeconfig folder \"/etc/kubernetes\"");
        String clientCert = b64(Files.readString(tmp.resolve("admin.crt"))), clientKey = b64(Files.readString(tmp.resolve("admin.key")));
        Host.clearDir(tmp);
        Files.delete(tmp);
        for (String[] kc : new String[][] {{"admin.conf", "kubernetes-admin"}, {"kubelet.conf", "system:node:" + c.nodeName},
                {"controller-manager.conf", "system:kube-controller-manager"}, {"scheduler.conf", "system:kube-scheduler"}}) {
            out.println("[kubeconfig] Writing \"" + kc[0] + "\" kubeconfig file");
            Host.write(K8S.resolve(kc[0]), kubeconfig(c.clusterName, server, caPem, kc[1], clientCert, clientKey), "rw-------");
        }
        out.println("[control-plane] Using manifest folder \"/etc/kubernetes/manifests\"");
        for (String comp : List.of("kube-apiserver", "kube-controller-manager", "kube-scheduler")) {
            out.println("[control-plane] Creating static Pod manifest for \"" + comp + "\"");
            Host.write(K8S.resolve("manifests/" + comp + ".yaml"), Manifests.staticPod(comp, c), "rw-------");
        }
        out.println("[etcd] Creating static Pod manifest for local etcd in \"/etc/kubernetes/manifests\"");
        Host.write(K8S.resolve("manifests/etcd.yaml"), Manifests.staticPod("etcd", c), "rw-------");
        out.println("[wait-control-plane] Waiting for the kubelet to boot up the control plane as static Pods from directory \"/etc/kubernetes/manifests\". This can take up to 4m0s");
        startApiServer(c, caPem);
        out.printf("[apiclient] All control plane components are healthy after %.6f seconds%n", (System.nanoTime() - t0) / 1e9);
        String minor = c.kubernetesVersion.replaceAll("^v(\\d+)\\.(\\d+).*$", "$1.$2");
        out.println("[upload-config] Storing the configuration used in ConfigMap \"kubeadm-config\" in the \"kube-system\" Namespace");
        out.println("[kubelet] Creating a ConfigMap \"kubelet-config-" + minor + "\" in namespace kube-system with the configuration for the kubelets in the cluster");
        out.println("[upload-certs] Skipping phase. Please see --upload-certs");
        out.println("[mark-control-plane] Marking the node " + c.nodeName + " as control-plane by adding the label \"node-role.kubernetes.io/master=''\"");
        if (c.masterTaint) out.println("[mark-control-plane] Marking the node " + c.nodeName + " as control-plane by adding the taints [node-role.kubernetes.io/master:NoSchedule]");
        out.println("[bootstrap-token] Using token: " + c.token);
        out.println("[bootstrap-token] Configuring bootstrap tokens, cluster-info ConfigMap, RBAC Roles");
        out.println("[bootstrap-token] configured RBAC rules to allow Node Bootstrap tokens to post CSRs in order for nodes to get long term certificate credentials");
        out.println("[bootstrap-token] configured RBAC rules to allow the csrapprover controller automatically approve CSRs from a Node Bootstrap Token");
        out.println("[bootstrap-token] configured RBAC rules to allow certificate rotation for all node client certificates in the cluster");
        out.println("[bootstrap-token] Creating the \"cluster-info\" ConfigMap in the \"kube-public\" namespace");
        out.println("[addons] Applied essential addon: CoreDNS");
        out.println("[addons] Applied essential addon: kube-proxy");
        out.println();
        out.println("Your Kubernetes control-plane has initialized successfully!");
        out.println();
        out.println("To start using your cluster, you need to run the following as a regular user:");
        out.println();
        out.println("  mkdir -p $HOME/.kube");
        out.println("  sudo cp -i /etc/kubernetes/admin.conf $HOME/.kube/config");
        out.println("  sudo chown $(id -u):$(id -g) $HOME/.kube/config");
        out.println();
        out.println("You should now deploy a pod network to the cluster.");
        out.println("Run \"kubectl apply -f [podnetwork].yaml\" with one of the options listed at:");
        out.println("  https://kubernetes.io/docs/concepts/cluster-administration/addons/");
        out.println();
        out.println("Then you can join any number of worker nodes by running the following on each as root:");
        out.println();
        out.println(Kubeadm.joinCommand(c.advertiseAddress + ":" + c.bindPort, c.token, Pki.caHash(caPem)));
        return 0;
    }

    private static void kubeletFiles(KubeadmConfig c) throws Exception {
        Kubeadm.OUT.println("[kubelet-start] Writing kubelet environment file with flags to file \"/var/lib/kubelet/kubeadm-flags.env\"");
        Host.write(Path.of("/var/lib/kubelet/kubeadm-flags.env"), "KUBELET_KUBEADM_ARGS=\"--cgroup-driver=cgroupfs --network-plugin=cni --pod-infra-container-image="
                + c.imageRepository + "/pause:3.1\"\n", null);
        Kubeadm.OUT.println("[kubelet-start] Writing kubelet configuration to file \"/var/lib/kubelet/config.yaml\"");
        Host.write(Path.of("/var/lib/kubelet/config.yaml"), "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nclusterDNS:\n- "
                + ClusterConfig.nth(c.serviceSubnet, 10) + "\nclusterDomain: " + c.dnsDomain + "\n", null);
    }

    static String b64(String s) { return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)); }

    static String kubeconfig(String cluster, String server, String caPem, String user, String cert, String key) {
        String auth = cert != null ? "    client-certificate-data: " + cert + "\n    client-key-data: " + key + "\n" : "    token: " + key + "\n";
        return "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: " + b64(caPem) + "\n    server: " + server + "\n  name: " + cluster + "\n"
                + "contexts:\n- context:\n    cluster: " + cluster + "\n    user: " + user + "\n  name: " + user + "@" + cluster + "\n"
                + "current-context: " + user + "@" + cluster + "\nkind: Config\npreferences: {}\nusers:\n- name: " + user + "\n  user:\n" + auth;
    }

    static String clusterInfo(String server, String caPem) {
        return "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: " + b64(caPem) + "\n    server: " + server
                + "\n  name: \"\"\ncontexts: null\ncurrent-context: \"\"\nkind: Config\npreferences: {}\nusers: null\n";
    }

    /** Seeds the API objects (kept when /var/lib/etcd already holds them), then (re)starts the stand-in and waits for it. */
    private static void startApiServer(KubeadmConfig c, String caPem) throws Exception {
        if (Host.serviceInstalled(SERVICE)) Host.service(SERVICE, "stop");
        killStandin();
        Path etcd = Path.of(c.etcdDataDir);
        Host.write(etcd.resolve("member/snap/db"), "Rigger lab stand-in: the API objects are in ../standin-objects.json\n", "rw-------");
        Host.write(etcd.resolve("member/wal/0000000000000000-0000000000000000.wal"), "", "rw-------");
        ClusterConfig cfg = new ClusterConfig(c.nodeName, c.advertiseAddress, c.bindPort, c.kubernetesVersion, c.imageRepository,
                c.podSubnet, c.serviceSubnet, c.dnsDomain, c.clusterName, etcd.resolve("member/standin-objects.json").toString(),
                Path.of(c.certificatesDir, "apiserver.crt").toString(), Path.of(c.certificatesDir, "apiserver.key").toString());
        Store store = new Store(Path.of(cfg.stateFile()));
        store.load();
        Cluster cluster = new Cluster(store, cfg);
        String server = "https://" + c.advertiseAddress + ":" + c.bindPort;
        new Seed(cluster).run(caPem, clusterInfo(server, caPem), c.token, c.tokenTtl);
        if (cluster.store.get(Kinds.byKey("/secrets"), "kube-system", "bootstrap-token-" + c.token.split("\\.")[0]) == null)
            cluster.create(Kinds.byKey("/secrets"), "kube-system", Kubeadm.tokenSecret(c.token, c.tokenTtl, null), false);
        store.save();
        ObjectNode json = cfg.toJson();
        json.put("serverVersion", System.getenv().getOrDefault("KUBEADM_STANDIN_SERVER_VERSION", ApiServer.serverVersion));
        Host.write(STANDIN_CONFIG, Json.pretty(json) + "\n", "rw-------");
        Host.service(SERVICE, "enable");
        Host.Run r = Host.service(SERVICE, "start");
        ApiClient api = new ApiClient(server, caPem);
        long end = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try { if (api.call("GET", "/healthz", null).code() == 200) return; } catch (Exception notYet) { /* retry */ }
            if (System.nanoTime() > end)
                throw new Kubeadm.Failure("error execution phase wait-control-plane: couldn't initialize a Kubernetes cluster (the API stand-in did not answer on "
                        + server + "; service start said: " + r.out().strip() + "; see /var/log/kube-apiserver-standin.log)");
            Thread.sleep(200);
        }
    }

    /** Stops a stand-in started outside the service tool (pid file written by its launcher). */
    static void killStandin() {
        Path pid = Path.of("/run/kube-apiserver-standin.pid");
        try {
            long p = Long.parseLong(Files.readString(pid).strip());
            ProcessHandle.of(p).ifPresent(h -> {
                if (h.info().commandLine().orElse("").contains("k8s-standin.jar")) {
                    h.destroy();
                    try { h.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS); } catch (Exception e) { h.destroyForcibly(); }
                }
            });
            Files.deleteIfExists(pid);
        } catch (Exception none) { /* not running */ }
    }
}
