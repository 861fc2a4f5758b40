package dev.rigger.lab.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TEST STAND-IN (Rigger lab only): what a real kube-apiserver does to an object between decoding
 * the request and storing it, for the types of the seed's manifests (flannel, the dashboard, the
 * test nginx). The real server decodes JSON into Go structs, runs the defaulting functions and
 * encodes the structs again, so:
 *
 * <ul>
 *   <li><b>omitempty pruning</b> (Go's encoding/json: "The 'omitempty' option specifies that the
 *       field should be omitted from the encoding if the field has an empty value, defined as
 *       false, 0, a nil pointer, a nil interface value, and any empty array, slice, map, or
 *       string"): empty lists go (every list field of these types is omitempty); empty maps go
 *       where the Go field is a map (labels, annotations, data, nodeSelector, matchLabels,
 *       resource lists), not where it is a struct ({@code securityContext: {}} stays); {@code
 *       false} goes for the plain {@code bool ... omitempty} fields of these types (PodSecurity-
 *       PolicySpec: privileged, hostPID, hostIPC, hostNetwork, readOnlyRootFilesystem; PodSpec:
 *       hostNetwork, hostPID, hostIPC; Container: stdin, stdinOnce, tty; VolumeMount and volume
 *       sources: readOnly; DeploymentSpec: paused) and stays for the {@code *bool} ones
 *       (SecurityContext.privileged, allowPrivilegeEscalation, automountServiceAccountToken,
 *       PSP's allowPrivilegeEscalation and defaultAllowPrivilegeEscalation); null goes.
 *       k8s.io/api/policy/v1beta1/types.go, core/v1/types.go, apps/v1/types.go.
 *       Not modelled: zero numbers and empty strings of omitempty fields (none in the seed's
 *       manifests that is omitempty: PSP hostPorts' {@code min: 0} has no omitempty and stays).</li>
 *   <li><b>defaults</b> of pod templates (pkg/apis/core/v1/defaults.go: SetDefaults_PodSpec,
 *       SetDefaults_Container, SetDefaults_ContainerPort, SetDefaults_SecretVolumeSource,
 *       SetDefaults_ConfigMapVolumeSource, SetDefaults_HostPathVolumeSource, SetDefaults_Probe,
 *       SetDefaults_HTTPGetAction), and the template's {@code creationTimestamp: null} that every
 *       real server prints (metav1.Time without omitempty semantics for the zero time).</li>
 *   <li><b>quantities in canonical form</b> (k8s.io/apimachinery/pkg/api/resource/quantity.go,
 *       CanonicalizeBytes: "0.5" and 0.5 are stored as "500m", "1000m" as "1", "1024Mi" as "1Gi";
 *       a fraction below a milli rounds up to 1m) for container requests and limits.</li>
 * </ul>
 */
final class Storage {
    private static final Set<String> MAP_FIELDS = Set.of("labels", "annotations", "data", "binaryData", "stringData", "nodeSelector",
            "matchLabels", "limits", "requests", "capacity", "allocatable", "hard");
    private static final Set<String> PLAIN_BOOLS = Set.of("hostNetwork", "hostPID", "hostIPC", "stdin", "stdinOnce", "tty", "readOnly", "paused");
    private static final Set<String> PSP_PLAIN_BOOLS = Set.of("privileged", "hostPID", "hostIPC", "hostNetwork", "readOnlyRootFilesystem");
    private static final Set<String> TEMPLATE_KINDS = Set.of("Deployment", "DaemonSet", "ReplicaSet", "StatefulSet", "Job");
    private static final Pattern QUANTITY = Pattern.compile("([+-]?[0-9.]+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|)");

    private Storage() {}

    /** The object as the real server would store it: pruned, defaulted, quantities canonical. */
    static void normalise(String kind, ObjectNode o) {
        prune(o, "", kind.equals("PodSecurityPolicy"));
        JsonNode spec = o.get("spec");
        if (!(spec instanceof ObjectNode s)) return;
        if (kind.equals("Pod")) podSpec(s);
        if (TEMPLATE_KINDS.contains(kind) && s.get("template") instanceof ObjectNode t) {
            ObjectNode meta = Json.with(t, "metadata");
            if (!meta.has("creationTimestamp")) meta.putNull("creationTimestamp");
            podSpec(Json.with(t, "spec"));
        }
    }

    private static void prune(JsonNode n, String field, boolean psp) {
        if (n instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            boolean freeForm = MAP_FIELDS.contains(field);
            for (String k : names) {
                JsonNode v = o.get(k);
                if (freeForm) continue; // a map's entries are data: "" and false stay
                if (v.isNull()) { o.remove(k); continue; }
                prune(v, k, psp);
                if (v.isArray() && v.isEmpty()) o.remove(k);
                else if (v.isObject() && v.isEmpty() && MAP_FIELDS.contains(k)) o.remove(k);
                else if (v.isBoolean() && !v.asBoolean() && (PLAIN_BOOLS.contains(k) && !field.equals("securityContext")
                        || psp && field.equals("spec") && PSP_PLAIN_BOOLS.contains(k))) o.remove(k);
            }
        } else if (n instanceof ArrayNode a) {
            for (JsonNode x : a) prune(x, field, psp);
        }
    }

    private static void podSpec(ObjectNode spec) {
        if (!spec.has("restartPolicy")) spec.put("restartPolicy", "Always");
        if (!spec.has("dnsPolicy")) spec.put("dnsPolicy", "ClusterFirst");
        if (!spec.has("terminationGracePeriodSeconds")) spec.put("terminationGracePeriodSeconds", 30);
        if (!spec.has("securityContext")) spec.putObject("securityContext");
        if (!spec.has("schedulerName")) spec.put("schedulerName", "default-scheduler");
        if (spec.has("serviceAccountName") && !spec.has("serviceAccount")) spec.set("serviceAccount", spec.get("serviceAccountName"));
        for (String list : List.of("containers", "initContainers")) for (JsonNode c : spec.path(list)) if (c instanceof ObjectNode co) container(co);
        for (JsonNode v : spec.path("volumes")) {
            if (v.get("secret") instanceof ObjectNode s && !s.has("defaultMode")) s.put("defaultMode", 420);
            if (v.get("configMap") instanceof ObjectNode c && !c.has("defaultMode")) c.put("defaultMode", 420);
            if (v.get("hostPath") instanceof ObjectNode h && !h.has("type")) h.put("type", "");
        }
    }

    private static void container(ObjectNode c) {
        if (!c.has("terminationMessagePath")) c.put("terminationMessagePath", "/dev/termination-log");
        if (!c.has("terminationMessagePolicy")) c.put("terminationMessagePolicy", "File");
        if (!c.has("imagePullPolicy")) {
            String image = String.valueOf(Json.text(c, "image"));
            String tag = image.contains("@") ? "digest" : image.lastIndexOf(':') > image.lastIndexOf('/') ? image.substring(image.lastIndexOf(':') + 1) : "";
            c.put("imagePullPolicy", tag.isEmpty() || tag.equals("latest") ? "Always" : "IfNotPresent");
        }
        for (JsonNode p : c.path("ports")) if (p instanceof ObjectNode po && !po.has("protocol")) po.put("protocol", "TCP");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            if (!(c.get(probe) instanceof ObjectNode pr)) continue;
            if (!pr.has("timeoutSeconds")) pr.put("timeoutSeconds", 1);
            if (!pr.has("periodSeconds")) pr.put("periodSeconds", 10);
            if (!pr.has("successThreshold")) pr.put("successThreshold", 1);
            if (!pr.has("failureThreshold")) pr.put("failureThreshold", 3);
            if (pr.get("httpGet") instanceof ObjectNode h && !h.has("scheme")) h.put("scheme", "HTTP");
        }
        if (c.get("resources") instanceof ObjectNode r) {
            for (String kind : List.of("requests", "limits")) {
                if (!(r.get(kind) instanceof ObjectNode q)) continue;
                List<String> names = new ArrayList<>();
                q.fieldNames().forEachRemaining(names::add);
                for (String n : names) q.put(n, canonical(q.get(n).asText()));
            }
        }
    }

    /** A quantity's canonical text, as resource.Quantity's String() gives it. */
    static String canonical(String text) {
        Matcher m = QUANTITY.matcher(text.strip());
        if (!m.matches()) return text; // the real server refuses it; the stand-in validates nothing
        BigDecimal number = new BigDecimal(m.group(1));
        String suffix = m.group(2);
        boolean binary = suffix.endsWith("i");
        BigDecimal value = binary ? number.multiply(BigDecimal.valueOf(1024).pow("KMGTPE".indexOf(suffix.charAt(0)) + 1))
                : number.scaleByPowerOfTen(decimalExponent(suffix));
        if (value.signum() == 0) return "0";
        if (binary && value.stripTrailingZeros().scale() <= 0) {
            BigInteger v = value.toBigIntegerExact();
            String[] units = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
            int k = 0;
            while (k < 6 && v.mod(BigInteger.valueOf(1024)).signum() == 0 && v.abs().compareTo(BigInteger.valueOf(1024)) >= 0) { v = v.shiftRight(10); k++; }
            if (k > 0 || v.abs().compareTo(BigInteger.valueOf(1024)) < 0) return v + units[k];
        }
        // decimal SI: milli precision at most (rounded up), then the largest exponent that keeps an integer
        BigDecimal milli = value.scaleByPowerOfTen(3).setScale(0, RoundingMode.CEILING);
        int exp = -3;
        String[] units = {"m", "", "k", "M", "G", "T", "P", "E"};
        BigDecimal thousand = BigDecimal.valueOf(1000);
        while (exp < 18 && milli.remainder(thousand).signum() == 0) { milli = milli.divide(thousand); exp += 3; }
        return milli.toBigInteger() + units[(exp + 3) / 3];
    }

    private static int decimalExponent(String suffix) {
        return switch (suffix) {
            case "m" -> -3;
            case "k" -> 3;
            case "M" -> 6;
            case "G" -> 9;
            case "T" -> 12;
            case "P" -> 15;
            case "E" -> 18;
            default -> 0;
        };
    }
}
