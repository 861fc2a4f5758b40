package dev.rigger.lab.k8s;

/** TEST STAND-IN: the static-pod manifests kubeadm init writes (content like kubeadm 1.16's; nothing runs them). */
final class Manifests {
    private Manifests() {}

    static String staticPod(String comp, KubeadmConfig c) {
        String image, command;
        switch (comp) {
            case "etcd" -> {
                image = c.imageRepository + "/etcd:" + (c.kubernetesVersion.startsWith("v1.17") ? "3.4.3-0" : "3.3.15-0");
                command = args("etcd", "--advertise-client-urls=https://" + c.advertiseAddress + ":2379", "--data-dir=" + c.etcdDataDir,
                        "--listen-client-urls=https://127.0.0.1:2379,https://" + c.advertiseAddress + ":2379", "--name=" + c.nodeName);
            }
            case "kube-apiserver" -> {
                image = c.imageRepository + "/kube-apiserver:" + c.kubernetesVersion;
                command = args("kube-apiserver", "--advertise-address=" + c.advertiseAddress, "--authorization-mode=Node,RBAC",
                        "--client-ca-file=" + c.certificatesDir + "/ca.crt", "--enable-bootstrap-token-auth=true",
                        "--etcd-servers=https://127.0.0.1:2379", "--secure-port=" + c.bindPort,
                        "--service-cluster-ip-range=" + c.serviceSubnet, "--tls-cert-file=" + c.certificatesDir + "/apiserver.crt",
                        "--tls-private-key-file=" + c.certificatesDir + "/apiserver.key");
            }
            case "kube-controller-manager" -> {
                image = c.imageRepository + "/kube-controller-manager:" + c.kubernetesVersion;
                command = c.podSubnet == null
                        ? args("kube-controller-manager", "--kubeconfig=/etc/kubernetes/controller-manager.conf", "--leader-elect=true")
                        : args("kube-controller-manager", "--allocate-node-cidrs=true", "--cluster-cidr=" + c.podSubnet,
                        "--kubeconfig=/etc/kubernetes/controller-manager.conf", "--leader-elect=true", "--node-cidr-mask-size=24");
            }
            default -> {
                image = c.imageRepository + "/kube-scheduler:" + c.kubernetesVersion;
                command = args("kube-scheduler", "--bind-address=127.0.0.1", "--kubeconfig=/etc/kubernetes/scheduler.conf", "--leader-elect=true");
            }
        }
        return "# Written by the Rigger lab's kubeadm stand-in: nothing runs this pod.\n"
                + "apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    component: " + comp + "\n    tier: control-plane\n"
                + "  name: " + comp + "\n  namespace: kube-system\nspec:\n  containers:\n  - command:\n" + command
                + "    image: " + image + "\n    imagePullPolicy: IfNotPresent\n    name: " + comp + "\n"
                + "  hostNetwork: true\n  priorityClassName: system-cluster-critical\nstatus: {}\n";
    }

    private static String args(String... a) {
        StringBuilder b = new StringBuilder();
        for (String x : a) b.append("    - ").append(x).append('\n');
        return b.toString();
    }
}
