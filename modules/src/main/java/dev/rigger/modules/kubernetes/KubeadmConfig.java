package dev.rigger.modules.kubernetes;

import dev.rigger.modules.Shown;
import dev.rigger.spi.ModuleException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The kubeadm.yaml an operator makes by hand: {@code kubeadm config print init-defaults} of
 * kubeadm 1.16 (a resource, byte for byte) with the usual edits. Every value is checked against
 * a strict pattern first, so none can break out of its YAML line.
 *
 * @param nodeName    null for the host's own name (what kubeadm puts there)
 * @param podSubnet   null for none: the line is left out, as in kubeadm's defaults
 */
record KubeadmConfig(String advertiseAddress, String kubernetesVersion, String imageRepository,
                     String podSubnet, String serviceSubnet, String nodeName, String token, String criSocket) {

    static final String TEMPLATE = "kubeadm-init-defaults-1.16.yaml";
    private static final Pattern ADDRESS = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");
    private static final Pattern VERSION = Pattern.compile("v[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.-]+)?");
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]*");
    private static final Pattern SUBNET = Pattern.compile("[0-9A-Fa-f:.]+/[0-9]{1,3}(,[0-9A-Fa-f:.]+/[0-9]{1,3})?");
    static final Pattern NODE_NAME = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");
    static final Pattern TOKEN = Pattern.compile("[a-z0-9]{6}\\.[a-z0-9]{16}");
    private static final Pattern SOCKET = Pattern.compile("(unix://)?/[A-Za-z0-9._/-]+");

    KubeadmConfig {
        check("advertise_address", advertiseAddress, ADDRESS, "an IPv4 or IPv6 address");
        check("kubernetes_version", kubernetesVersion, VERSION, "a version such as v1.16.2");
        check("image_repository", imageRepository, REPOSITORY, "a registry path such as registry.aliyuncs.com/google_containers");
        if (podSubnet != null) check("pod_subnet", podSubnet, SUBNET, "a CIDR such as 10.244.0.0/16");
        check("service_subnet", serviceSubnet, SUBNET, "a CIDR such as 10.96.0.0/12");
        if (nodeName != null) check("node_name", nodeName, NODE_NAME, "a lower-case DNS name");
        check("token", token, TOKEN, "a bootstrap token [a-z0-9]{6}.[a-z0-9]{16}");
        check("cri_socket", criSocket, SOCKET, "an absolute socket path");
    }

    /** The file's text; {@code hostName} stands in for a missing node name. */
    String render(String hostName) {
        String name = nodeName != null ? nodeName : hostName.strip().toLowerCase(java.util.Locale.ROOT);
        check("node name (the host's name)", name, NODE_NAME, "a lower-case DNS name; set node_name");
        Map<String, String> values = new java.util.HashMap<>(Map.of(
                "advertise_address", advertiseAddress, "kubernetes_version", kubernetesVersion,
                "image_repository", imageRepository, "service_subnet", serviceSubnet,
                "node_name", name, "token", token, "cri_socket", criSocket));
        StringBuilder out = new StringBuilder();
        for (String line : template().split("\n", -1)) {
            if (line.contains("@pod_subnet@") && podSubnet == null) continue;
            out.append(substitute(line, values, podSubnet)).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    private static String substitute(String line, Map<String, String> values, String podSubnet) {
        int at = line.indexOf('@');
        if (at < 0) return line;
        String key = line.substring(at + 1, line.indexOf('@', at + 1));
        String value = key.equals("pod_subnet") ? podSubnet : values.get(key);
        return line.substring(0, at) + value + line.substring(line.indexOf('@', at + 1) + 1);
    }

    private static String template() {
        try (InputStream in = KubeadmConfig.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) throw new IllegalStateException("missing resource " + TEMPLATE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(String param, String value, Pattern pattern, String what) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new ModuleException("invalid " + param + " " + Shown.quoted(value) + ": expected " + what);
        }
    }
}
