package dev.rigger.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ScriptedHost;
import dev.rigger.testkit.TestParams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.rigger.testkit.ModuleTester;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnarchiveModuleTest {
    private final UnarchiveModule m = new UnarchiveModule();

    private TestParams params(Object... kv) {
        return TestParams.of(m.spec(), kv);
    }

    static byte[] zip() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry("app/"));
            z.putNextEntry(new ZipEntry("app/run.sh"));
            z.write("echo $(id) `id`\n".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("README"));
            z.write("hi\n".getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    /** A tar.gz made by the machine's own tar, so the reader is checked against GNU tar's output. */
    static byte[] tgz(Path tmp, boolean gzip) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/app"));
        Files.writeString(src.resolve("conf"), "k=v\n");
        Files.writeString(src.resolve("a".repeat(120)), "long name\n");
        Files.createSymbolicLink(src.resolve("link"), Path.of("conf"));
        Path out = tmp.resolve(gzip ? "a.tgz" : "a.tar");
        Process p = new ProcessBuilder("tar", gzip ? "-czf" : "-cf", out.toString(), "-C", tmp.resolve("src").toString(), "app").inheritIO().start();
        assertThat(p.waitFor()).isZero();
        return Files.readAllBytes(out);
    }

    @Test
    void zipFromTheController_freshFolder_extractsWithUnzip_thenConverges() throws IOException {
        TestParams p = params("src", "tools.zip", "dest", "/opt/t", "list_files", true);
        p.localFile("tools.zip", zip());
        ScriptedHost h = new ScriptedHost().dir("/opt/t", 0755);
        Change c = m.plan(p, h);
        assertThat(c.diffs()).extracting(d -> d.subject()).containsExactly("/opt/t/app", "/opt/t/app/run.sh", "/opt/t/README");
        assertThat(c.steps()).hasSize(3);
        Step.WriteFile w = (Step.WriteFile) c.steps().get(0);
        assertThat(w.path()).startsWith("/opt/t/.rigger-unarchive-");
        assertThat(((Step.Run) c.steps().get(1)).argv()).containsExactly("unzip", "-o", "-q", w.path(), "-d", "/opt/t");
        assertThat(((Step.Run) c.steps().get(2)).argv()).containsExactly("rm", "-f", "--", w.path());
        assertThat(c.outputs()).containsEntry("handler", "ZipArchive").containsEntry("files", List.of("app/", "app/run.sh", "README"));
        assertThat(h.roundTrips()).containsExactly(1, 3);

        h.dir("/opt/t/app", 0755).file("/opt/t/app/run.sh", "echo $(id) `id`\n", 0644).file("/opt/t/README", "hi\n", 0644);
        assertThat(m.plan(p, h).isNone()).as("extracted: nothing to do").isTrue();
        h.file("/opt/t/README", "edited\n", 0644);
        assertThat(m.plan(p, h).diffs()).singleElement().satisfies(d -> assertThat(d.subject()).isEqualTo("/opt/t/README"));
    }

    @Test
    void tarGzOnTheHost_isReadFromThere_andExtractedByTar(@TempDir Path tmp) throws Exception {
        ScriptedHost h = new ScriptedHost().dir("/opt/t", 0755).file("/var/tmp/a.tgz", tgz(tmp, true), 0644);
        Change c = m.plan(params("src", "/var/tmp/a.tgz", "dest", "/opt/t", "remote_src", true), h);
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.Run.class,
                r -> assertThat(r.argv()).containsExactly("tar", "--extract", "-C", "/opt/t", "-z", "-f", "/var/tmp/a.tgz"));
        assertThat(c.diffs()).extracting(d -> d.subject()).containsExactlyInAnyOrder(
                "/opt/t/app", "/opt/t/app/conf", "/opt/t/app/" + "a".repeat(120), "/opt/t/app/link");
        assertThat(c.diffs()).anySatisfy(d -> assertThat(d.after()).isEqualTo("link to conf"));
        assertThat(c.outputs()).containsEntry("handler", "TgzArchive");
    }

    @Test
    void copyNo_isRemoteSrc_copyYesIsTheController_andNotBesideRemoteSrc(@TempDir Path tmp) throws Exception {
        ScriptedHost h = new ScriptedHost().dir("/opt/t", 0755).file("/var/tmp/a.tgz", tgz(tmp, true), 0644);
        Change c = m.plan(params("src", "/var/tmp/a.tgz", "dest", "/opt/t", "copy", false), h);
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.Run.class,
                r -> assertThat(r.argv()).containsExactly("tar", "--extract", "-C", "/opt/t", "-z", "-f", "/var/tmp/a.tgz"));
        TestParams local = params("src", "tools.zip", "dest", "/opt/t", "copy", true);
        local.localFile("tools.zip", zip());
        assertThat(m.plan(local, new ScriptedHost().dir("/opt/t", 0755)).steps().get(0)).isInstanceOf(Step.WriteFile.class);
        assertThat(ModuleTester.of(m).problems(Map.of("src", "a.tgz", "dest", "/opt/t", "copy", false, "remote_src", true)))
                .singleElement().asString().contains("mutually exclusive");
    }

    @Test
    void plainTar_isTarArchive(@TempDir Path tmp) throws Exception {
        TestParams p = params("src", "a.tar", "dest", "/opt/t");
        p.localFile("a.tar", tgz(tmp, false));
        Change c = m.plan(p, new ScriptedHost().dir("/opt/t", 0755));
        assertThat(c.outputs()).containsEntry("handler", "TarArchive");
        assertThat(((Step.Run) c.steps().get(1)).argv()).doesNotContain("-z");
    }

    @Test
    void creates_exists_nothingAndTheArchiveNotRead() {
        ScriptedHost h = new ScriptedHost().dir("/opt/t", 0755).file("/opt/t/done", "", 0644);
        Change c = m.plan(params("src", "x.zip", "dest", "/opt/t", "creates", "/opt/t/done"), h);
        assertThat(c.isNone()).isTrue();
        assertThat(c.outputs()).containsEntry("msg", "skipped, since /opt/t/done exists");
    }

    @Test
    void mode_setOnEveryMemberButLinks() throws IOException {
        TestParams p = params("src", "tools.zip", "dest", "/opt/t", "mode", 0750);
        p.localFile("tools.zip", zip());
        ScriptedHost h = new ScriptedHost().dir("/opt/t", 0755).dir("/opt/t/app", 0755)
                .file("/opt/t/app/run.sh", "echo $(id) `id`\n", 0750).file("/opt/t/README", "hi\n", 0644);
        Change c = m.plan(p, h);
        assertThat(c.diffs()).extracting(d -> d.subject()).containsExactly("/opt/t/app mode", "/opt/t/README mode");
        assertThat(c.steps()).last().isInstanceOfSatisfying(Step.Run.class, r -> assertThat(r.argv())
                .containsExactly("chmod", "750", "--", "/opt/t/app", "/opt/t/app/run.sh", "/opt/t/README"));
    }

    @Test
    void refusals() throws IOException {
        ScriptedHost h = new ScriptedHost().dir("/opt/t", 0755);
        assertThatThrownBy(() -> m.plan(params("src", "a.zip", "dest", "/opt/t", "extra_opts", List.of("--strip-components=1")), h))
                .isInstanceOf(ModuleException.class).hasMessageContaining("extra_opts is not supported");
        assertThatThrownBy(() -> m.plan(params("src", "https://example.invalid/a.zip", "dest", "/opt/t"), h))
                .isInstanceOf(ModuleException.class).hasMessageContaining("get_url");
        TestParams p = params("src", "a.zip", "dest", "/opt/missing");
        p.localFile("a.zip", zip());
        assertThatThrownBy(() -> m.plan(p, h)).isInstanceOf(ModuleException.class).hasMessage("dest '/opt/missing' must be an existing dir");
        TestParams text = params("src", "a.txt", "dest", "/opt/t");
        text.localFile("a.txt", "not an archive");
        assertThatThrownBy(() -> m.plan(text, h)).isInstanceOf(ModuleException.class).hasMessageContaining("only tar, tar.gz (tgz) and zip");
    }

    @Test
    void zipLink_fromZipDashY_isALink(@TempDir Path tmp) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/app"));
        Files.writeString(src.resolve("conf"), "k=v\n");
        Files.createSymbolicLink(src.resolve("link"), Path.of("conf"));
        Process p = new ProcessBuilder("zip", "-qry", "../a.zip", "app").directory(tmp.resolve("src").toFile()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        TestParams params = params("src", "a.zip", "dest", "/opt/t");
        params.localFile("a.zip", Files.readAllBytes(tmp.resolve("a.zip")));
        ScriptedHost h = new ScriptedHost().dir("/opt/t", 0755).dir("/opt/t/app", 0755).file("/opt/t/app/conf", "k=v\n", 0644).link("/opt/t/app/link", "conf");
        assertThat(m.plan(params, h).isNone()).as("the link is there: nothing to do").isTrue();
    }

    @Test
    void memberOutsideDest_isRefused() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry("../../etc/cron.d/evil"));
            z.write("x".getBytes(StandardCharsets.UTF_8));
        }
        TestParams p = params("src", "a.zip", "dest", "/opt/t");
        p.localFile("a.zip", b.toByteArray());
        assertThatThrownBy(() -> m.plan(p, new ScriptedHost().dir("/opt/t", 0755)))
                .isInstanceOf(ModuleException.class).hasMessageContaining("would land outside dest");
    }
}
