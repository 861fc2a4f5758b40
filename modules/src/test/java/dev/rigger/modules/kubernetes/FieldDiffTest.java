package dev.rigger.modules.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldDiffTest {

    @SuppressWarnings("unchecked")
    private static List<FieldDiff.Field> diff(String manifest, String live) {
        return FieldDiff.between((Map<String, Object>) Yaml.read(manifest), (Map<String, Object>) Yaml.read(live));
    }

    @Test
    void serverAddedFieldsAndDefaults_areNoChange() {
        assertThat(diff("spec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n      - name: a\n        image: x\n",
                "spec:\n  replicas: 1.0\n  revisionHistoryLimit: 10\n  template:\n    spec:\n      containers:\n"
                        + "      - name: b\n        image: y\n      - name: a\n        image: x\n        imagePullPolicy: Always\nstatus:\n  ready: 1\n"))
                .isEmpty();
    }

    @Test
    void scalarLists_compareWhole_mapListsWithoutNames_byIndex() {
        assertThat(diff("args: [a, b]\nrules:\n- verbs: [get]\n", "args: [a, b, c]\nrules:\n- verbs: [list]\n"))
                .containsExactly(new FieldDiff.Field("args", List.of("a", "b", "c"), List.of("a", "b")),
                        new FieldDiff.Field("rules[0].verbs", List.of("list"), List.of("get")));
    }

    @Test
    void missingFields_andOddKeys_haveReadablePaths() {
        assertThat(diff("metadata:\n  labels:\n    app.kubernetes.io/name: x\nspec:\n  type: NodePort\n", "metadata: {}\nspec: {}\n"))
                .containsExactly(new FieldDiff.Field("metadata.labels", null, Map.of("app.kubernetes.io/name", "x")),
                        new FieldDiff.Field("spec.type", null, "NodePort"));
    }

    @Test
    void stringsAndNumbersDiffer_emptyCollectionsEqualAbsent() {
        assertThat(diff("a: \"1\"\nb: {}\nc: []\nd: ~\n", "a: 1\n")).containsExactly(new FieldDiff.Field("a", 1L, "1"));
    }

    @Test
    void key_quotesWhatIsNoIdentifier() {
        assertThat(FieldDiff.key("data", "net-conf.json")).isEqualTo("data[\"net-conf.json\"]");
        assertThat(FieldDiff.key("", "spec")).isEqualTo("spec");
    }

    @Test
    void apiVersion_comparesTheGroupOnly_asServersAnswerInTheirPreferredVersion() {
        assertThat(diff("apiVersion: rbac.authorization.k8s.io/v1beta1\n", "apiVersion: rbac.authorization.k8s.io/v1\n")).isEmpty();
        assertThat(diff("apiVersion: extensions/v1beta1\n", "apiVersion: apps/v1\n")).hasSize(1);
    }
}
