package dev.rigger.lab.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * TEST STAND-IN for kubeadm's configuration loading (v1beta2, as kubeadm 1.16/1.17): reads the
 * InitConfiguration / ClusterConfiguration / JoinConfiguration documents of a --config file,
 * applies kubeadm's defaults and checks what the seed edits (apiVersion, kind, advertiseAddress,
 * the subnets, kubernetesVersion, token format), failing with kubeadm's messages.
 */
final class KubeadmConfig {
    static final String API = "kubeadm.k8s.io/v1beta2";
    static final Pattern TOKEN = Pattern.compile("^([a-z0-9]{6})\\.([a-z0-9]{16})$");

    String advertiseAddress;
    int bindPort = 6443;
    String nodeName;
    String criSocket = "/var/run/dockershim.sock";
    String token = "abcdef.0123456789abcdef";
    String tokenTtl = "24h0m0s";
    String kubernetesVersion;
    String imageRepository = "k8s.gcr.io";
    String podSubnet;
    String serviceSubnet = "10.96.0.0/12";
    String dnsDomain = "cluster.local";
    String clusterName = "kubernetes";
    String certificatesDir = "/etc/kubernetes/pki";
    String etcdDataDir = "/var/lib/etcd";
    boolean masterTaint = true;
    // JoinConfiguration
    String joinEndpoint;
    String joinToken;
    List<String> caCertHashes = new ArrayList<>();
    boolean unsafeSkipCaVerification;

    static final class ConfigException extends Exception {
        private static final long serialVersionUID = 1L;
        ConfigException(String m) { super(m); }
    }

    KubeadmConfig(String binaryVersion, String hostname) {
        this.kubernetesVersion = "v" + binaryVersion;
        this.nodeName = hostname;
    }

    void load(Path file) throws ConfigException {
        String text;
        try { text = Files.readString(file); }
        catch (IOException e) { throw new ConfigException("unable to read config from \"" + file + "\" : open " + file + ": no such file or directory"); }
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = Json.YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNext()) { JsonNode d = it.next(); if (d != null && !d.isNull() && !d.isMissingNode()) docs.add(d); }
        } catch (JsonProcessingException e) {
            throw new ConfigException("error converting YAML to JSON: yaml: line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) { throw new ConfigException(e.getMessage()); }
        boolean any = false;
        for (JsonNode d : docs) {
            if (!d.isObject()) throw new ConfigException("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal " + d.getNodeType().toString().toLowerCase() + " into Go value of type struct");
            String av = Json.text(d, "apiVersion"), kind = Json.text(d, "kind");
            if (av == null || av.isEmpty()) throw new ConfigException("Object 'apiVersion' is missing in '" + Json.write(d) + "'");
            if (kind == null || kind.isEmpty()) throw new ConfigException("Object 'Kind' is missing in '" + Json.write(d) + "'");
            if (av.startsWith("kubelet.config.k8s.io/") || av.startsWith("kubeproxy.config.k8s.io/")) continue;
            if (av.equals("kubeadm.k8s.io/v1alpha1") || av.equals("kubeadm.k8s.io/v1alpha2") || av.equals("kubeadm.k8s.io/v1alpha3"))
                throw new ConfigException("your configuration file uses an old API spec: \"" + av + "\". Please use kubeadm v1.15 instead and run 'kubeadm config migrate --old-config old.yaml --new-config new.yaml', which will write the new, similar spec using a newer API version.");
            if (!av.equals(API) && !av.equals("kubeadm.k8s.io/v1beta1"))
                throw new ConfigException("no kind \"" + kind + "\" is registered for version \"" + av + "\" in scheme \"k8s.io/kubernetes/cmd/kubeadm/app/apis/kubeadm/scheme/scheme.go:31\"");
            switch (kind) {
                case "InitConfiguration" -> { init(d); any = true; }
                case "ClusterConfiguration" -> { cluster(d); any = true; }
                case "JoinConfiguration" -> { join(d); any = true; }
                case "ClusterStatus" -> { }
                default -> throw new ConfigException("no kind \"" + kind + "\" is registered for version \"" + av + "\" in scheme \"k8s.io/kubernetes/cmd/kubeadm/app/apis/kubeadm/scheme/scheme.go:31\"");
            }
        }
        if (!any) throw new ConfigException("no InitConfiguration or ClusterConfiguration kind was found in the YAML file");
    }

    private void init(JsonNode d) {
        JsonNode ep = d.path("localAPIEndpoint");
        if (ep.has("advertiseAddress")) advertiseAddress = ep.get("advertiseAddress").asText();
        if (ep.has("bindPort")) bindPort = ep.get("bindPort").asInt(6443);
        nodeRegistration(d.path("nodeRegistration"));
        JsonNode bt = d.path("bootstrapTokens").path(0);
        if (bt.has("token")) token = bt.get("token").asText();
        if (bt.has("ttl")) tokenTtl = bt.get("ttl").asText();
    }

    private void nodeRegistration(JsonNode nr) {
        if (nr.hasNonNull("name") && !nr.get("name").asText().isEmpty()) nodeName = nr.get("name").asText();
        if (nr.has("criSocket")) criSocket = nr.get("criSocket").asText();
        if (nr.has("taints")) masterTaint = nr.get("taints").size() > 0;
    }

    private void cluster(JsonNode d) {
        if (d.hasNonNull("kubernetesVersion")) kubernetesVersion = d.get("kubernetesVersion").asText();
        if (d.hasNonNull("imageRepository") && !d.get("imageRepository").asText().isEmpty()) imageRepository = d.get("imageRepository").asText();
        JsonNode n = d.path("networking");
        if (n.hasNonNull("podSubnet") && !n.get("podSubnet").asText().isEmpty()) podSubnet = n.get("podSubnet").asText();
        if (n.hasNonNull("serviceSubnet") && !n.get("serviceSubnet").asText().isEmpty()) serviceSubnet = n.get("serviceSubnet").asText();
        if (n.hasNonNull("dnsDomain")) dnsDomain = n.get("dnsDomain").asText();
        if (d.hasNonNull("clusterName")) clusterName = d.get("clusterName").asText();
        if (d.hasNonNull("certificatesDir")) certificatesDir = d.get("certificatesDir").asText();
        if (d.path("etcd").path("local").hasNonNull("dataDir")) etcdDataDir = d.path("etcd").path("local").get("dataDir").asText();
    }

    private void join(JsonNode d) {
        nodeRegistration(d.path("nodeRegistration"));
        JsonNode bt = d.path("discovery").path("bootstrapToken");
        if (bt.hasNonNull("apiServerEndpoint")) joinEndpoint = bt.get("apiServerEndpoint").asText();
        if (bt.hasNonNull("token")) joinToken = bt.get("token").asText();
        for (JsonNode h : bt.path("caCertHashes")) caCertHashes.add(h.asText());
        unsafeSkipCaVerification = bt.path("unsafeSkipCAVerification").asBoolean(false);
        if (d.path("discovery").hasNonNull("tlsBootstrapToken") && joinToken == null) joinToken = d.path("discovery").get("tlsBootstrapToken").asText();
    }

    /** kubeadm's validation of what an init needs; errors as kubeadm words them. */
    void validateInit(String binaryVersion) throws ConfigException {
        List<String> errs = new ArrayList<>();
        if (advertiseAddress == null || advertiseAddress.isEmpty()) advertiseAddress = defaultAddress();
        if (!isIp(advertiseAddress))
            errs.add("localAPIEndpoint.advertiseAddress: Invalid value: \"" + advertiseAddress + "\": couldn't use \"" + advertiseAddress + "\" as \"apiserver-advertise-address\", must be ipv4 or ipv6 address");
        if (bindPort < 1 || bindPort > 65535) errs.add("localAPIEndpoint.bindPort: Invalid value: " + bindPort + ": port number is not valid");
        if (!isCidr(serviceSubnet)) errs.add("networking.serviceSubnet: Invalid value: \"" + serviceSubnet + "\": couldn't parse subnet");
        if (podSubnet != null && !isCidr(podSubnet)) errs.add("networking.podSubnet: Invalid value: \"" + podSubnet + "\": couldn't parse subnet");
        if (!TOKEN.matcher(token).matches()) errs.add("bootstrapTokens[0].token: Invalid value: \"" + token + "\": the bootstrap token is invalid");
        if (!errs.isEmpty()) throw new ConfigException(String.join("\n", errs));
        validateVersion(binaryVersion);
    }

    void validateVersion(String binaryVersion) throws ConfigException {
        if (!kubernetesVersion.matches("^v?\\d+\\.\\d+\\.\\d+([-+].*)?$"))
            throw new ConfigException("couldn't parse Kubernetes version \"" + kubernetesVersion + "\": illegal version string \"" + kubernetesVersion + "\"");
        if (!kubernetesVersion.startsWith("v")) kubernetesVersion = "v" + kubernetesVersion;
        int minor = Integer.parseInt(kubernetesVersion.split("\\.")[1]);
        int binMinor = Integer.parseInt(binaryVersion.split("\\.")[1]);
        if (minor < binMinor - 1)
            throw new ConfigException("this version of kubeadm only supports deploying clusters with the control plane version >= 1." + (binMinor - 1) + ".0. Current version: " + kubernetesVersion);
    }

    static boolean isIp(String s) {
        if (s == null || !s.matches("^[0-9.]+$|^[0-9a-fA-F:]+$") || !(s.contains(".") || s.contains(":"))) return false;
        if (s.contains(".") && !s.matches("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$")) return false;
        try { InetAddress.getByName(s); return true; } catch (Exception e) { return false; }
    }

    static boolean isCidr(String s) {
        if (s == null) return false;
        for (String part : s.split(",")) {
            String[] p = part.trim().split("/");
            if (p.length != 2 || !isIp(p[0]) || !p[1].matches("\\d{1,3}")) return false;
            int bits = Integer.parseInt(p[1]);
            if (bits > (p[0].contains(":") ? 128 : 32)) return false;
        }
        return true;
    }

    private static String defaultAddress() {
        try {
            String host = InetAddress.getLocalHost().getHostName();
            for (String line : Files.readAllLines(Path.of("/etc/hosts"))) {
                String[] f = line.trim().split("\\s+");
                for (int i = 1; i < f.length; i++) if (f[i].equals(host) && !f[0].startsWith("#")) return f[0];
            }
        } catch (Exception ignored) { /* fall through */ }
        return "127.0.0.1";
    }

    List<String> images() {
        boolean v17 = kubernetesVersion.startsWith("v1.17");
        String r = imageRepository;
        return List.of(r + "/kube-apiserver:" + kubernetesVersion, r + "/kube-controller-manager:" + kubernetesVersion,
                r + "/kube-scheduler:" + kubernetesVersion, r + "/kube-proxy:" + kubernetesVersion, r + "/pause:3.1",
                r + "/etcd:" + (v17 ? "3.4.3-0" : "3.3.15-0"), r + "/coredns:" + (v17 ? "1.6.5" : "1.6.2"));
    }

    /** kubeadm config print init-defaults, as kubeadm 1.16/1.17 prints it. */
    static String initDefaults(String binaryVersion, String hostname) {
        String[] v = binaryVersion.split("\\.");
        return "apiVersion: kubeadm.k8s.io/v1beta2\n"
                + "bootstrapTokens:\n- groups:\n  - system:bootstrappers:kubeadm:default-node-token\n  token: abcdef.0123456789abcdef\n  ttl: 24h0m0s\n"
                + "  usages:\n  - signing\n  - authentication\n"
                + "kind: InitConfiguration\n"
                + "localAPIEndpoint:\n  advertiseAddress: 1.2.3.4\n  bindPort: 6443\n"
                + "nodeRegistration:\n  criSocket: /var/run/dockershim.sock\n  name: " + hostname + "\n"
                + "  taints:\n  - effect: NoSchedule\n    key: node-role.kubernetes.io/master\n"
                + "---\n"
                + "apiServer:\n  timeoutForControlPlane: 4m0s\n"
                + "apiVersion: kubeadm.k8s.io/v1beta2\n"
                + "certificatesDir: /etc/kubernetes/pki\n"
                + "clusterName: kubernetes\n"
                + "controllerManager: {}\n"
                + "dns:\n  type: CoreDNS\n"
                + "etcd:\n  local:\n    dataDir: /var/lib/etcd\n"
                + "imageRepository: k8s.gcr.io\n"
                + "kind: ClusterConfiguration\n"
                + "kubernetesVersion: v" + v[0] + "." + v[1] + ".0\n"
                + "networking:\n  dnsDomain: cluster.local\n  serviceSubnet: 10.96.0.0/12\n"
                + "scheduler: {}\n";
    }
}
