package dev.rigger.modules.kubernetes;

import dev.rigger.modules.Shown;
import dev.rigger.spi.Words;
import dev.rigger.spi.ModuleException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code kubeadm join} command: the API server, the bootstrap token, the CA key's hash and a
 * few allowed options. Parsed from kubeadm's output (two lines joined by a backslash) or from a
 * string an operator passes on; anything that is not {@code kubeadm join} with known options and
 * well-formed values is refused, so a value handed from host to host can never run another
 * program or smuggle in shell syntax (the command is run as argv, never through a shell).
 */
record JoinCommand(String apiServer, String token, String caCertHash, Map<String, String> options) {

    private static final Pattern API_SERVER = Pattern.compile("[A-Za-z0-9.-]+:[0-9]{1,5}|\\[[0-9A-Fa-f:]+\\]:[0-9]{1,5}");
    private static final Pattern HASH = Pattern.compile("sha256:[0-9a-f]{64}");
    /** Marks an option that is a flag without a value. */
    private static final Pattern FLAG = Pattern.compile("");
    /** Options kubeadm join takes besides token and hash. */
    private static final Map<String, Pattern> OPTIONS = knownOptions();

    JoinCommand {
        if (!API_SERVER.matcher(apiServer).matches()) throw refused("API server " + Shown.quoted(apiServer) + " is not host:port");
        if (!KubeadmConfig.TOKEN.matcher(token).matches()) throw refused("the token is not of the form [a-z0-9]{6}.[a-z0-9]{16}");
        if (!HASH.matcher(caCertHash).matches()) throw refused("the CA cert hash " + Shown.quoted(caCertHash) + " is not sha256:<64 hex digits>");
        options = Map.copyOf(options);
    }

    private static Map<String, Pattern> knownOptions() {
        Map<String, Pattern> m = new LinkedHashMap<>();
        m.put("--control-plane", FLAG);
        m.put("--discovery-token-unsafe-skip-ca-verification", FLAG);
        m.put("--certificate-key", Pattern.compile("[0-9a-f]{64}"));
        m.put("--node-name", KubeadmConfig.NODE_NAME);
        m.put("--cri-socket", Pattern.compile("(unix://)?/[A-Za-z0-9._/-]+"));
        m.put("--apiserver-advertise-address", Pattern.compile("[0-9A-Fa-f:.]+"));
        m.put("--ignore-preflight-errors", Pattern.compile("[A-Za-z0-9.,-]+"));
        return Map.copyOf(m);
    }

    /** The join command kubeadm printed (init or token create), if any; continuation lines joined. */
    static Optional<JoinCommand> fromOutput(String output) {
        int at = output.indexOf("kubeadm join ");
        if (at < 0) return Optional.empty();
        StringBuilder line = new StringBuilder();
        for (String part : output.substring(at).split("\n")) {
            String s = part.stripTrailing();
            boolean more = s.endsWith("\\");
            line.append(more ? s.substring(0, s.length() - 1) : s).append(' ');
            if (!more) break;
        }
        return Optional.of(parse(line.toString()));
    }

    /** Parses and checks a whole command line; a backslash-newline counts as a space. */
    static JoinCommand parse(String command) {
        List<String> words = Words.split(command.replaceAll("\\\\\\r?\\n", " "));
        if (words.size() < 3 || !words.get(0).equals("kubeadm") || !words.get(1).equals("join")) {
            throw refused("it must start with 'kubeadm join HOST:PORT'");
        }
        String token = null, hash = null;
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 3; i < words.size(); i++) {
            String w = words.get(i);
            String name = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
            boolean flag = OPTIONS.get(name) == FLAG;
            if (flag && w.contains("=")) throw refused(name + " takes no value");
            String value = flag ? "" : w.contains("=") ? w.substring(w.indexOf('=') + 1) : i + 1 < words.size() ? words.get(++i) : "";
            switch (name) {
                case "--token" -> token = value;
                case "--discovery-token-ca-cert-hash" -> hash = value;
                default -> options.put(name, option(name, value));
            }
        }
        if (token == null || hash == null) throw refused("it needs --token and --discovery-token-ca-cert-hash");
        return new JoinCommand(words.get(2), token, hash, options);
    }

    private static String option(String name, String value) {
        if (!OPTIONS.containsKey(name)) throw refused("unexpected word " + Shown.quoted(name));
        Pattern p = OPTIONS.get(name);
        if (p != FLAG && !p.matcher(value).matches()) throw refused("bad value " + Shown.quoted(value) + " for " + name);
        return value;
    }

    /** The argv to run: {@code kubeadm join SERVER --token T --discovery-token-ca-cert-hash H [options]}. */
    List<String> argv() {
        List<String> argv = new ArrayList<>(List.of("kubeadm", "join", apiServer, "--token", token,
                "--discovery-token-ca-cert-hash", caCertHash));
        options.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            argv.add(e.getKey());
            if (!e.getValue().isEmpty()) argv.add(e.getValue());
        });
        return argv;
    }

    /** One line, as an operator would paste it. */
    String line() {
        return String.join(" ", argv());
    }

    /** The outputs {@code init} and {@code token} register for the workers. */
    Map<String, Object> outputs() {
        return Map.of("join_command", line(), "token", token, "ca_cert_hash", caCertHash, "api_server", apiServer);
    }

    private static ModuleException refused(String why) {
        return new ModuleException("refusing the join command: " + why);
    }
}
