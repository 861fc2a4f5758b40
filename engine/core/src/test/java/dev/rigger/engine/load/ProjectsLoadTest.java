package dev.rigger.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.model.Play;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vendored multi-role projects (test-data/ansible-projects) load as ansible-playbook's
 * --syntax-check reads them: every role found and expanded, no role, import or include refused.
 * Their unknown modules and keywords are other work, and are not asserted here.
 */
class ProjectsLoadTest {
    static Stream<String> projects() {
        return Stream.of("ansible-tuto-step-13", "lamp_simple", "tomcat-memcached-failover", "tomcat-standalone", "wordpress-nginx");
    }

    @ParameterizedTest
    @MethodSource("projects")
    void project_siteYml_loadsEveryRole(String project) {
        Path site = Path.of("../../test-data/ansible-projects", project, "site.yml").toAbsolutePath().normalize();
        Diagnostics d = new Diagnostics();
        var pb = new PlaybookLoader().load(site, d).orElseThrow(() -> new AssertionError(d));
        assertThat(d.list()).noneSatisfy(x -> assertThat(x.message()).containsAnyOf("role '", "import_", "include_", "file not found"));
        for (Play p : pb.plays()) {
            assertThat(p.tasks()).as(p.name()).isNotEmpty().allSatisfy(t -> assertThat(t.role()).isNotNull());
        }
    }
}
