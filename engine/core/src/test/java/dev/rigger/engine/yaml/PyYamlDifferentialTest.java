package dev.rigger.engine.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigger.engine.diag.Diagnostics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reader against PyYAML's SafeLoader (what Ansible loads YAML with) on the same documents:
 * aliases, merge keys and YAML 1.1 scalars come out as the same values, in the same key order.
 * Skipped where /usr/bin/python3 cannot import yaml ({@code ./test} installs ansible-core, which
 * brings it). A date stays its text here (PyYAML makes a date, whose str() is that text); known,
 * kept differences are listed in {@link #KEPT_DIFFERENCES}.
 */
class PyYamlDifferentialTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where we differ on purpose: sexagesimal numbers stay text (a time or a port list is no base-60 number). */
    static final List<String> KEPT_DIFFERENCES = List.of("t: 1:20\n", "t: 12:30:45\n");

    static final List<String> DOCUMENTS = List.of(
            "a: &b {k: 1}\nother: *b\n",
            "s: &c hello\nt: *c\nu: [*c, *c]\n",
            "base: &b {a: 1, b: 2}\nm2: &m {b: 9, z: 0}\nx: {c: 0, <<: [*b, *m], a: 5}\n",
            "base: &b\n  name: web\n  port: 80\nweb:\n  <<: *b\n  port: 8080\n  extra: [1, 2]\n",
            "d: &d {x: 1}\ne: &e {<<: *d, y: 2}\nf: {<<: *e, z: 3}\n",
            "a: &a [1, 2]\nb: &b {l: *a, m: *a}\nc: [*b, *b, {n: *b}]\n",
            "\"<<\": quoted is a key\nx: 1\n",
            "v: [yes, no, on, off, y, n, Yes, NO, true, False, ~, null, '']\n",
            "v: [0755, 010, 0x1f, 0b101, 1_000, +12, -0, 08, 0o17]\n",
            "v: [1.5, 3., 1e3, 1.5e3, 1.5e+3, -.5, .5, 1_0.5]\n",
            "v: [2020-01-01, '12', \"x\\ty\", !!str 12, 'it''s']\n",
            "- name: t\n  hosts: all\n  vars: &v {a: 1}\n  tasks:\n    - debug: {msg: hi}\n      vars: *v\n",
            "k: |\n  line one\n  line two\nf: >\n  folded\n  text\n");

    @Test
    void sameValuesAsPyYamlsSafeLoader() throws Exception {
        assumeTrue(pyYamlAvailable(), "no PyYAML at " + PYTHON);
        List<String> ours = new ArrayList<>();
        for (String doc : DOCUMENTS) ours.add(ours(doc));
        assertThat(ours).isEqualTo(pyYaml(DOCUMENTS));
    }

    @Test
    void keptDifferences_stillDiffer_soTheListStaysTrue() throws Exception {
        assumeTrue(pyYamlAvailable(), "no PyYAML at " + PYTHON);
        List<String> theirs = pyYaml(KEPT_DIFFERENCES);
        for (int i = 0; i < KEPT_DIFFERENCES.size(); i++) {
            assertThat(ours(KEPT_DIFFERENCES.get(i))).isNotEqualTo(theirs.get(i));
        }
    }

    private static String ours(String doc) throws IOException {
        Diagnostics d = new Diagnostics();
        Object v = new YamlReader().read(Path.of("d.yml"), doc, d).orElseThrow().plain();
        assertThat(d.list()).as(doc).isEmpty();
        return JSON.writeValueAsString(v);
    }

    /** Each document loaded by PyYAML, as compact JSON; one Python process for all. */
    private static List<String> pyYaml(List<String> docs) throws Exception {
        Process p = new ProcessBuilder(PYTHON, "-c", """
                import json, sys, yaml
                for doc in json.load(sys.stdin):
                    print(json.dumps(yaml.safe_load(doc), separators=(',', ':'), ensure_ascii=False, default=str))
                """).redirectErrorStream(true).start();
        p.getOutputStream().write(JSON.writeValueAsBytes(docs));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.lines().toList();
    }

    private static boolean pyYamlAvailable() {
        try {
            return new ProcessBuilder(PYTHON, "-c", "import yaml").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
