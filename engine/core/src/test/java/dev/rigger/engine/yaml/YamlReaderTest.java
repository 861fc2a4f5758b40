package dev.rigger.engine.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.diag.Diagnostic;
import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YamlReaderTest {
    private static final Path FILE = Path.of("f.yml");
    private final Diagnostics diags = new Diagnostics();

    private Object plain(String text) {
        Optional<YNode> n = new YamlReader().read(FILE, text, diags);
        assertThat(diags.list()).as("diagnostics").isEmpty();
        return n.orElseThrow().plain();
    }

    private Diagnostic refused(String text) {
        assertThat(new YamlReader().read(FILE, text, diags)).isEmpty();
        assertThat(diags.list()).hasSize(1);
        Diagnostic d = diags.list().get(0);
        assertThat(d.isError()).isTrue();
        assertThat(d.location().file()).isEqualTo("f.yml");
        return d;
    }

    @Test
    void alias_isTheAnchorsValue_notItsName() {
        assertThat(plain("a: &b {k: 1}\nother: *b\ns: &c hello\nt: *c\nl: &l [1, 2]\nm: *l\n"))
                .isEqualTo(Map.of("a", Map.of("k", 1), "other", Map.of("k", 1), "s", "hello", "t", "hello",
                        "l", List.of(1, 2), "m", List.of(1, 2)));
    }

    @Test
    void alias_keepsTheAnchorsLocation_andItsKeysOwn() {
        YNode.Mapping m = (YNode.Mapping) new YamlReader().read(FILE, "a: &b\n  k: 1\nother: *b\n", diags).orElseThrow();
        assertThat(m.get("other")).isSameAs(m.get("a"));
        assertThat(m.keyLocation("other")).isEqualTo(new Location("f.yml", 3, 1));
    }

    @Test
    void nestedAliases_expandThroughEachOther() {
        assertThat(plain("a: &a [x]\nb: &b {list: *a, again: *a}\nc: [*b, *b]\n"))
                .isEqualTo(Map.of("a", List.of("x"), "b", Map.of("list", List.of("x"), "again", List.of("x")),
                        "c", List.of(Map.of("list", List.of("x"), "again", List.of("x")),
                                Map.of("list", List.of("x"), "again", List.of("x")))));
    }

    @Test
    void mergeKey_ownKeysWin_earlierSourcesWin_inPyYamlsOrder() {
        Object v = plain("base: &b {a: 1, b: 2}\nm2: &m {b: 9, z: 0}\nx: {c: 0, <<: [*b, *m], a: 5}\ny:\n  <<: *b\n  b: 3\n");
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        // PyYAML 6: {'b': 2, 'z': 0, 'a': 5, 'c': 0} -- merged keys first, in its order
        assertThat(m.get("x")).isEqualTo(Map.of("b", 2, "z", 0, "a", 5, "c", 0));
        assertThat(String.join(",", ((Map<String, ?>) m.get("x")).keySet())).isEqualTo("b,z,a,c");
        assertThat(m.get("y")).isEqualTo(Map.of("a", 1, "b", 3));
    }

    @Test
    void mergeKey_overridingAMergedKey_isNoDuplicate() {
        assertThat(plain("base: &b {when: a}\nt:\n  <<: *b\n  when: b\n")).isEqualTo(
                Map.of("base", Map.of("when", "a"), "t", Map.of("when", "b")));
    }

    @Test
    void mergeKey_ofAScalar_isAnErrorAtTheValue() {
        Diagnostic d = refused("a: &s text\nb:\n  <<: *s\n");
        assertThat(d.message()).contains("merge key").contains("scalar");
        assertThat(d.location().line()).isEqualTo(1);
    }

    @Test
    void unknownAlias_isAnErrorAtTheAlias() {
        Diagnostic d = refused("a: 1\nb: *nope\n");
        assertThat(d.message()).contains("*nope");
        assertThat(d.location()).isEqualTo(new Location("f.yml", 2, 4));
    }

    @Test
    void recursiveAlias_isRefused_notLooped() {
        assertThat(refused("a: &x [1, *x]\n").message()).contains("inside its own anchor");
    }

    @Test
    void anchorDefinedTwice_isRefused_asPyYamlDoes() {
        assertThat(refused("a: &x 1\nb: &x 2\n").message()).contains("&x defined twice");
    }

    @Test
    void billionLaughs_isRefusedQuickly_atTheAliasThatCrossesTheBudget() {
        StringBuilder b = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 9; i++) {
            b.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) b.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            b.append("]\n");
        }
        long start = System.nanoTime();
        Diagnostic d = refused(b.toString());
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(2_000);
        assertThat(d.message()).contains("aliases expanded").contains(String.valueOf(YamlLimits.MAX_NODES));
        assertThat(d.location().line()).isBetween(6, 10);
    }

    @Test
    void manyAliasesOfOneLargeAnchor_areCountedByWhatTheyExpandTo() {
        StringBuilder b = new StringBuilder("big: &big [");
        for (int i = 0; i < 2000; i++) b.append(i == 0 ? "" : ",").append(i);
        b.append("]\nrefs:\n");
        for (int i = 0; i < 600; i++) b.append("  - *big\n");
        Diagnostic d = refused(b.toString());
        assertThat(d.message()).contains("aliases expanded");
        assertThat(d.location().line()).isGreaterThan(400);
    }

    @Test
    void deepFlowNesting_isRefusedAtTheLimit_neverAStackOverflow() {
        Diagnostic d = refused("x: " + "[".repeat(300) + "]".repeat(300) + "\n");
        assertThat(d.message()).contains("nested deeper than " + YamlLimits.MAX_DEPTH);
        assertThat(d.location()).isEqualTo(new Location("f.yml", 1, 3 + YamlLimits.MAX_DEPTH));
    }

    @Test
    void nestingUpToTheLimit_isRead() {
        int lists = YamlLimits.MAX_DEPTH - 1; // under the top mapping
        assertThat(plain("x: " + "[".repeat(lists) + "]".repeat(lists) + "\n")).isNotNull();
    }

    @Test
    void deepNestingThroughAnAlias_countsTheAnchorsLevels() {
        int half = YamlLimits.MAX_DEPTH / 2 + 2;
        String deep = "[".repeat(half) + "]".repeat(half);
        Diagnostic d = refused("a: &d " + deep + "\nb: " + "[".repeat(half) + "*d" + "]".repeat(half) + "\n");
        assertThat(d.message()).contains("nested deeper");
        assertThat(d.location().line()).isEqualTo(2);
    }

    @Test
    void longRunWithoutABlank_isRefusedBeforeParsing_atItsStart() {
        Diagnostic d = refused("a: 1\nb: \"" + "x".repeat(YamlLimits.MAX_RUN_CHARS + 1) + "\"\n");
        assertThat(d.message()).contains("more than " + YamlLimits.MAX_RUN_CHARS + " characters without a space");
        assertThat(d.location()).isEqualTo(new Location("f.yml", 2, 4));
    }

    @Test
    void runAtTheLimit_isRead() {
        assertThat(plain("b: " + "x".repeat(YamlLimits.MAX_RUN_CHARS) + "\n")).isNotNull();
    }

    @Test
    void hugeScalarOfManyWords_isRefusedAsItArrives() {
        Diagnostic d = refused("a: 1\nb: " + "word ".repeat(YamlLimits.MAX_SCALAR_CHARS / 5 + 1) + "\n");
        assertThat(d.message()).contains("limit is " + YamlLimits.MAX_SCALAR_CHARS);
        assertThat(d.location()).isEqualTo(new Location("f.yml", 2, 4));
    }

    @Test
    void duplicateKey_isAnErrorInPlaybooks_aWarningWithTheLastKeptElsewhere() {
        new YamlReader().read(FILE, "a: 1\nb: 2\na: 3\n", diags);
        assertThat(diags.list()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.message()).isEqualTo("duplicate key 'a' (first at line 1)");
        });
        Diagnostics lenient = new Diagnostics();
        Object v = new YamlReader(YamlReader.DuplicateKeys.WARN_LAST_WINS).read(FILE, "a: 1\nb: 2\na: 3\n", lenient)
                .orElseThrow().plain();
        assertThat(v).isEqualTo(Map.of("a", 3, "b", 2));
        assertThat(lenient.list()).singleElement().satisfies(d -> assertThat(d.isError()).isFalse());
    }

    @Test
    void scalars_readAsYaml11_asAnsibleReadsThem() {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) plain("a: yes\nb: off\nc: 0755\nd: 0x1f\ne: 1_000\nf: ~\ng: y\nh: 08\n"
                + "i: 1e3\nj: 1.5\nk: .inf\n");
        assertThat(m).containsEntry("a", true).containsEntry("b", false).containsEntry("c", 493).containsEntry("d", 31)
                .containsEntry("e", 1000).containsEntry("f", null).containsEntry("g", "y").containsEntry("h", "08")
                .containsEntry("i", "1e3").containsEntry("j", 1.5).containsEntry("k", Double.POSITIVE_INFINITY);
    }

    @Test
    void jsonFile_isReadAsJson_withLocations() {
        YNode n = new YamlReader().read(Path.of("v.json"), "{\n  \"a\": [1, \"x\"]\n}\n", diags).orElseThrow();
        assertThat(n.plain()).isEqualTo(Map.of("a", List.of(1, "x")));
        assertThat(((YNode.Mapping) n).keyLocation("a")).isEqualTo(new Location("v.json", 2, 3));
    }
}
