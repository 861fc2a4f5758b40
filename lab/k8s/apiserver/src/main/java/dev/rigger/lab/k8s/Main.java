package dev.rigger.lab.k8s;

import java.util.Arrays;

/**
 * TEST STAND-IN (Rigger lab only, never shipped in the product): entry point of the jar that
 * stands in for kube-apiserver ({@code apiserver}) and kubeadm ({@code kubeadm}).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java -jar k8s-standin.jar apiserver|kubeadm ARGS...");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "apiserver" -> ApiServer.main(rest);
            case "kubeadm" -> System.exit(Kubeadm.run(rest));
            default -> { System.err.println("unknown command " + args[0]); System.exit(2); }
        }
    }
}
