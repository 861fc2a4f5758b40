package dev.rigger.modules.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.ModuleException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class YamlTest {

    /** Each fixture's expected value is what PyYAML (also YAML 1.1) reads, saved as JSON. */
    @ParameterizedTest
    @ValueSource(strings = {"kube-flannel.yml", "dashboard-recommended.yaml", "flannel-mini.yml", "tricky.yaml"})
    void documents_readAsPyYamlDoes(String fixture) {
        List<Object> mine = Yaml.documents(resource(fixture), fixture).stream().map(Yaml.Document::value).toList();
        assertThat(Json.write(mine)).isEqualTo(Json.write(Json.read(resource(fixture + ".json"))));
    }

    @Test
    void documents_keepEachDocumentsOwnText() {
        List<Yaml.Document> docs = Yaml.documents("a: 1\n---\n# only a comment\n---\nb: 2\n", "m.yml");
        assertThat(docs).extracting(Yaml.Document::source).containsExactly("a: 1\n", "b: 2\n");
    }

    @Test
    void kubeadmTemplate_readsAsTwoDocuments() {
        List<Yaml.Document> docs = Yaml.documents(new KubeadmConfig("10.0.0.1", "v1.16.2", "k8s.gcr.io", "10.244.0.0/16",
                "10.96.0.0/12", "master", "abcdef.0123456789abcdef", "/var/run/dockershim.sock").render("x"), "t");
        assertThat(docs).hasSize(2);
        assertThat(((Map<?, ?>) docs.get(1).value()).get("networking"))
                .isEqualTo(Map.of("dnsDomain", "cluster.local", "podSubnet", "10.244.0.0/16", "serviceSubnet", "10.96.0.0/12"));
    }

    @Test
    void alias_isRefusedWithTheLine_neverReadAsTheAnchorsName() {
        assertThatThrownBy(() -> Yaml.documents("a: 1\n---\nb: &x 2\nc: *x\n", "m.yml"))
                .isInstanceOf(ModuleException.class).hasMessageContaining("m.yml").hasMessageContaining("line 4")
                .hasMessageContaining("aliases (*x) are not supported");
    }

    @Test
    void duplicateKey_isRefusedWithTheLine_asKubectlRefusesIt() {
        assertThatThrownBy(() -> Yaml.documents("a: 1\nb:\n  c: 1\n  c: 2\n", "m.yml"))
                .isInstanceOf(ModuleException.class).hasMessageContaining("line 4").hasMessageContaining("duplicate key 'c'");
    }

    @Test
    void badIndentation_isAnError() {
        assertThatThrownBy(() -> Yaml.read("a:\n  b: 1\n c: 2\n")).isInstanceOf(ModuleException.class);
    }

    static String resource(String name) {
        try (InputStream in = YamlTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
