package dev.rigger.lab.k8s;

import java.util.Arrays;

/**
 * TEST STAND-IN (Rigger lab only, never shipped in the product): entry point of the jar that
 * stands in for kube-apiserver ({@code apiserver}) and kubeadm ({@code kubeadm}).
 */
public final class Main {
    private Main() {}

    private static void seed(String configFile) throws Exception {
        ClusterConfig cfg = ClusterConfig.from(Json.JSON.readTree(new java.io.File(configFile)));
        Store store = new Store(java.nio.file.Path.of(cfg.stateFile()));
        store.load();
        new Seed(new Cluster(store, cfg)).run("", "apiVersion: v1\nkind: Config\n", "abcdef.0123456789abcdef", "24h0m0s");
        store.save();
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java -jar k8s-standin.jar apiserver|kubeadm ARGS...");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "apiserver" -> ApiServer.main(rest);
            case "kubeadm" -> System.exit(Kubeadm.run(rest));
            case "seed" -> seed(rest[0]); // debugging aid: seed the state file named in a config, no PKI

            default -> { System.err.println("unknown command " + args[0]); System.exit(2); }
        }
    }
}
