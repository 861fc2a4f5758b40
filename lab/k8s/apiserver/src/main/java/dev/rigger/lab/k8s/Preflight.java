package dev.rigger.lab.k8s;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * TEST STAND-IN for kubeadm's preflight checks, reduced to the ones the seed hit plus the file
 * checks that make a second init/join fail. Kernel state (swap, sysctls) is read through the
 * lab's simulated /proc ({@link Host#proc}); messages are kubeadm 1.16's.
 */
final class Preflight {
    record Check(String name, String message, boolean warning) {}

    private final List<Check> results = new ArrayList<>();

    void error(String name, String message) { results.add(new Check(name, message, false)); }
    void warning(String name, String message) { results.add(new Check(name, message, true)); }

    void fileAvailable(String path) {
        if (Files.exists(Path.of(path))) error("FileAvailable-" + path.replace('/', '-'), path + " already exists");
    }

    void dirAvailable(String path) {
        if (Host.dirNotEmpty(Path.of(path))) error("DirAvailable-" + path.replace('/', '-'), path + " is not empty");
    }

    void port(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 300);
            error("Port-" + port, "Port " + port + " is in use");
        } catch (Exception free) { /* nothing listens: fine */ }
    }

    /** The checks kubeadm runs on every node: bridge and forwarding sysctls, swap, kubelet service. */
    void common() {
        fileContent("/proc/sys/net/bridge/bridge-nf-call-iptables");
        fileContent("/proc/sys/net/ipv4/ip_forward");
        String swaps = Host.proc("/proc/swaps");
        if (swaps != null && swaps.strip().lines().count() > 1) error("Swap", "running with swap on is not supported. Please disable swap");
        if (Host.serviceInstalled("kubelet") && !kubeletEnabled())
            warning("Service-Kubelet", "kubelet service is not enabled, please run 'systemctl enable kubelet.service'");
    }

    private void fileContent(String path) {
        String name = "FileContent-" + path.replace('/', '-');
        String v = Host.proc(path);
        if (v == null) error(name, path + " does not exist");
        else if (!v.strip().equals("1")) error(name, path + " contents are not set to 1");
    }

    private static boolean kubeletEnabled() {
        if (Files.exists(Path.of("/etc/systemd/system/multi-user.target.wants/kubelet.service"))) return true;
        try (var s = Files.list(Path.of("/etc/rc2.d"))) { return s.anyMatch(p -> p.getFileName().toString().matches("S\\d*kubelet")); }
        catch (Exception e) { return false; }
    }

    /** Prints warnings (and ignored errors) to stdout; throws kubeadm's fatal-errors failure. */
    void finish(List<String> ignoreFlags) throws Kubeadm.Failure {
        Set<String> ignore = new HashSet<>();
        for (String f : ignoreFlags) for (String x : f.split(",")) if (!x.isBlank()) ignore.add(x.trim().toLowerCase());
        StringBuilder fatal = new StringBuilder();
        for (Check c : results) {
            boolean ignored = ignore.contains("all") || ignore.contains(c.name().toLowerCase());
            if (c.warning() || ignored) Kubeadm.OUT.println("\t[WARNING " + c.name() + "]: " + c.message());
            else fatal.append("\t[ERROR ").append(c.name()).append("]: ").append(c.message()).append('\n');
        }
        if (fatal.length() > 0)
            throw new Kubeadm.Failure("error execution phase preflight: [preflight] Some fatal errors occurred:\n" + fatal
                    + "[preflight] If you know what you are doing, you can make a check non-fatal with `--ignore-preflight-errors=...`");
    }
}
