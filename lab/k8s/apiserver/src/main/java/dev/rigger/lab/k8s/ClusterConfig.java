package dev.rigger.lab.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * TEST STAND-IN: what {@code kubeadm init} tells the API stand-in (written as JSON to
 * {@code /etc/kubernetes/standin/apiserver.json}).
 */
record ClusterConfig(String nodeName, String advertiseAddress, int port, String kubernetesVersion,
                     String imageRepository, String podSubnet, String serviceSubnet, String dnsDomain,
                     String clusterName, String stateFile, String certFile, String keyFile) {

    static ClusterConfig from(JsonNode n) {
        return new ClusterConfig(Json.text(n, "nodeName"), Json.text(n, "advertiseAddress"), n.path("port").asInt(6443),
                Json.text(n, "kubernetesVersion"), Json.text(n, "imageRepository"), Json.text(n, "podSubnet"),
                Json.text(n, "serviceSubnet"), Json.text(n, "dnsDomain"), Json.text(n, "clusterName"),
                Json.text(n, "stateFile"), Json.text(n, "certFile"), Json.text(n, "keyFile"));
    }

    ObjectNode toJson() { return Json.JSON.valueToTree(this); }

    /** The n-th address of a CIDR (IPv4 only), e.g. nth("10.96.0.0/12", 10) = 10.96.0.10. */
    static String nth(String cidr, long n) {
        String[] p = cidr.split("/")[0].split("\\.");
        long base = 0;
        for (String x : p) base = base * 256 + Long.parseLong(x);
        long a = base + n;
        return ((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255);
    }
}
