package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets of every length 1..200 through every error path that describes a value: cut short
 * (a NUL in an argument, an expression's source), quoted as Python's repr, as a JSON string or as a
 * shell word, in a type error of a parameter. Nothing of them may reach the console (at -vv), the
 * JSON report, the page or a saved plan. Under three characters a secret is not masked, and the run
 * says so.
 */
class SecretsInMessagesTest {
    private static final int LONGEST = 200;
    /** Letters no message of ours contains, with the characters quoting escapes between them. */
    private static final String ALPHABET = "ЖλЯ'ΩЮ\"Ψ\\Д\nФ\tбЪ";

    @TempDir
    Path dir;

    static String secret(int length, int seed) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) sb.append(ALPHABET.charAt((i * 7 + seed) % ALPHABET.length()));
        // no secret starts or ends with white space: YAML and the masker's per-line forms strip it
        if (Character.isWhitespace(sb.charAt(0))) sb.setCharAt(0, 'Ж');
        if (Character.isWhitespace(sb.charAt(length - 1))) sb.setCharAt(length - 1, 'Ф');
        return sb.toString();
    }

    private static final String TASKS = """
                - name: a NUL in an argument (the value is cut at 60 characters)
                  command: {argv: [echo, "{{ SECRET }}\\0"]}
                  ignore_errors: true
                - name: a type error of a parameter
                  file: {path: "DIR/f", state: touch, mode: "{{ SECRET }}"}
                  ignore_errors: true
                - name: Python's repr in an expression error
                  debug: {msg: "{{ [1].index(SECRET) }}"}
                  ignore_errors: true
            """;
    private static final String FAILED_STEP = """
                - name: a shell word and the output of a failed step (JSON-quoted)
                  command:
                    argv: [python3, -c, "import json,sys; print(json.dumps(sys.argv[1], ensure_ascii=False)); sys.exit(3)", "{{ SECRET }}"]
                  ignore_errors: true
            """;

    @Test
    void secretsOfEveryLength_neverLeak_throughTheMessagesThatDescribeValues() throws Exception {
        List<String> secrets = new ArrayList<>();
        StringBuilder vars = new StringBuilder();
        for (int n = 3; n <= LONGEST; n++) {
            String s = secret(n, n);
            secrets.add(s);
            vars.append("s").append(n).append(": ").append(json(s)).append('\n');
        }
        Files.writeString(dir.resolve("secrets.yml"), vars);
        Files.writeString(dir.resolve("inv.ini"), "me ansible_connection=local\n");
        StringBuilder names = new StringBuilder();
        for (int n = 3; n <= LONGEST; n++) names.append(n == 3 ? "" : ", ").append('s').append(n);
        // one task per length and path (a loop's items would report only the first failure)
        StringBuilder tasks = new StringBuilder();
        for (int n = 3; n <= LONGEST; n++) {
            tasks.append(TASKS.replace("SECRET", "s" + n).replace("DIR", dir.toString()));
            if (n % 7 == 3) tasks.append(FAILED_STEP.replace("SECRET", "s" + n));
        }
        Files.writeString(dir.resolve("pb.yml"), """
                - hosts: all
                  gather_facts: false
                  vars_files: [secrets.yml]
                  secret_vars: [NAMES]
                  tasks:
                """.replace("NAMES", names) + tasks);
        Path json = dir.resolve("run.json");
        Path html = dir.resolve("run.html");
        Cli.Result r = Cli.run("play", "-vv", "-i", dir.resolve("inv.ini").toString(), dir.resolve("pb.yml").toString(),
                "--report-json", json.toString(), "--report-html", html.toString());
        Path plan = dir.resolve("plan.json");
        Cli.Result p = Cli.run("plan", "-vv", "-i", dir.resolve("inv.ini").toString(), dir.resolve("pb.yml").toString(), "-o", plan.toString());
        Cli.Result shown = Cli.run("show", plan.toString());

        String everything = r.all() + p.all() + shown.all() + Files.readString(json) + Files.readString(html) + Files.readString(plan);
        // each error path was taken, for every length
        assertThat(r.all()).contains("NUL character").contains("must be an octal mode").contains("is not in list").contains("exit 3");
        assertThat(Files.readString(json).split("\"status\"\\s*:\\s*\"ignored\"", -1).length - 1).as(r.all())
                .isEqualTo(3 * (LONGEST - 2) + (LONGEST - 3) / 7 + 1);
        assertThat(r.err()).doesNotContain("not masked");
        for (String s : secrets) {
            // any three characters in a row of a secret: its start before a cut, its middle between escapes
            for (int i = 0; i + 3 <= s.length(); i++) {
                String piece = s.substring(i, i + 3);
                if (piece.chars().anyMatch(c -> c == '\'' || c == '"' || c == '\\' || c == '\n' || c == '\t')) continue;
                assertThat(everything).as("a piece of the %d-character secret", s.length()).doesNotContain(piece);
            }
        }
    }

    @Test
    void secretsUnderThreeCharacters_areNotMasked_andTheRunSaysSo() throws Exception {
        Files.writeString(dir.resolve("inv.ini"), "me ansible_connection=local\n");
        Files.writeString(dir.resolve("pb.yml"), """
                - hosts: all
                  gather_facts: false
                  vars: {one: "Ж", two: "ЖΩ", three: "ЖΩЮ"}
                  secret_vars: [one, two, three]
                  tasks:
                    - debug: {msg: "{{ one }}-{{ two }}-{{ three }}"}
                """);
        Cli.Result r = Cli.run("play", "-i", dir.resolve("inv.ini").toString(), dir.resolve("pb.yml").toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("Ж-ЖΩ-********").doesNotContain("ЖΩЮ");
        assertThat(r.err()).contains("2 secret value(s) shorter than 3 characters were not masked");
    }

    private static String json(String s) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
    }
}
