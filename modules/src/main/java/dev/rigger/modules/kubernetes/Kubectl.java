package dev.rigger.modules.kubernetes;

import dev.rigger.spi.Probe;
import dev.rigger.spi.Step;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The host's {@code kubectl} command lines of {@code kubectl_apply}: one kubectl process per
 * manifest for each question, the objects on its stdin as a stream of one-line JSON documents.
 * Probes carry no stdin, so the read-only questions give the objects in a here-document: every
 * document is one line starting with '{', so no line can be the terminator.
 *
 * @param namespace the task's namespace, or null
 */
record Kubectl(String kubeconfig, String namespace) {
    private static final String END = "RIGGER_OBJECTS";

    /**
     * The live objects of the manifest, in one process: a List (several) or one object, nothing
     * for those that do not exist. Same spelling in kubectl 1.16 and current releases.
     */
    Probe get(List<KubeObject> objects) {
        return new Probe.Shell(command("get", "-f", "-", "-o", "json", "--ignore-not-found") + " <<'" + END + "'\n" + documents(objects) + END);
    }

    /**
     * What the API server would store if kubectl applied these objects now: {@code kubectl apply}
     * with a server-side dry run, which computes kubectl's own three-way merge patch (against the
     * last-applied-configuration annotation) and has the server run it through defaulting,
     * admission and serialisation without persisting. Current kubectl spells it
     * {@code --dry-run=server} (1.18 and later); 1.16 and 1.17 only know {@code --server-dry-run}
     * and reject the other spelling while parsing flags, before any request, so the older spelling
     * is tried only then (1.16 pays one more, short-lived, kubectl start).
     */
    Probe serverDryRun(List<KubeObject> objects) {
        String apply = command("apply", "-o", "json", "-f", "-");
        String script = "rigger_m=$(cat <<'" + END + "'\n" + documents(objects) + END + "\n)\n"
                + "{ rigger_e=$(printf '%s\\n' \"$rigger_m\" | " + apply + " --dry-run=server 2>&1 >&3); rigger_r=$?; } 3>&1\n"
                + "case $rigger_e in\n"
                + "*'invalid argument \"server\" for \"--dry-run\"'*) printf '%s\\n' \"$rigger_m\" | " + apply + " --server-dry-run ;;\n"
                + "*) printf '%s' \"$rigger_e\" >&2; exit $rigger_r ;;\n"
                + "esac";
        return new Probe.Shell(script);
    }

    /** {@code kubectl apply -f -} or {@code kubectl delete -f -} of these objects. */
    Step withStdin(String verb, List<KubeObject> objects) {
        List<String> argv = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig, verb, "-f", "-"));
        if (namespace != null) argv.addAll(List.of("-n", namespace));
        if (verb.equals("delete")) argv.add("--ignore-not-found");
        return new Step.Run(argv, (documents(objects)).getBytes(StandardCharsets.UTF_8));
    }

    Step rolloutStatus(KubeObject o, int timeoutSeconds) {
        List<String> argv = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig, "rollout", "status",
                o.resource().toLowerCase(Locale.ROOT) + "/" + o.name()));
        if (o.namespace() != null) argv.addAll(List.of("-n", o.namespace()));
        argv.add("--timeout=" + timeoutSeconds + "s");
        return Step.Run.of(argv);
    }

    private String command(String verb, String... args) {
        StringBuilder b = new StringBuilder("kubectl --kubeconfig ").append(quote(kubeconfig)).append(' ').append(verb);
        for (String a : args) b.append(' ').append(a);
        if (namespace != null) b.append(" -n ").append(quote(namespace));
        return b.toString();
    }

    static String documents(List<KubeObject> objects) {
        StringBuilder b = new StringBuilder();
        for (KubeObject o : objects) b.append(Json.write(o.body())).append('\n');
        return b.toString();
    }

    /** One shell word holding {@code s} literally. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
