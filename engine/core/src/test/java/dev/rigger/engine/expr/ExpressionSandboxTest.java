package dev.rigger.engine.expr;

import static dev.rigger.engine.expr.Fixtures.AT;
import static dev.rigger.engine.expr.Fixtures.compiler;
import static dev.rigger.engine.expr.Fixtures.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.diag.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionSandboxTest {

    @Test
    void compile_rejectsRuntimeReference() {
        assertThat(rejected("Runtime.getRuntime().exec('touch /tmp/x')").message())
                .isEqualTo("expressions cannot reach Java classes: 'Runtime'");
    }

    @Test
    void compile_rejectsSystemExit() {
        assertThat(rejected("System.exit(1)").message()).isEqualTo("expressions cannot reach Java classes: 'System'");
    }

    @Test
    void compile_rejectsClassForName() {
        assertThat(rejected("Class.forName('java.lang.Runtime')").message()).contains("cannot reach Java classes");
    }

    @Test
    void compile_rejectsNewObject() {
        assertThat(rejected("new java.io.File('/tmp/x').createNewFile()").message())
                .isEqualTo("expressions cannot reach Java classes: 'java'");
        assertThat(rejected("new ArrayList()").message()).isEqualTo("creating objects ('new') is not allowed");
    }

    @Test
    void compile_rejectsGetClassOnALiteral() {
        assertThat(rejected("''.getClass().forName('java.lang.Runtime')").message())
                .isEqualTo("expressions cannot reach Java classes: 'getClass'");
    }

    @Test
    void compile_rejectsClassProperty() {
        assertThat(rejected("result.class.classLoader").message()).contains("'class'");
    }

    @Test
    void compile_rejectsFullyQualifiedNames() {
        assertThat(rejected("java.lang.Runtime.getRuntime()").message())
                .isEqualTo("expressions cannot reach Java classes: 'java'");
    }

    @Test
    void compile_rejectsJavaClassNameEvenWhenItIsAKnownVariable() {
        Diagnostics diags = new Diagnostics();
        new ExpressionCompiler(Set.of("Math")).compile("Math.max(1, 2)", AT, diags);
        assertThat(diags.list()).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("cannot reach Java classes: 'Math'"));
    }

    @Test
    void compile_rejectsLoops() {
        assertThat(rejected("while (true) { 1 }").message()).contains("loops");
        assertThat(rejected("foreach (x : groups) { x }").message()).contains("loops");
        assertThat(rejected("do { 1 } until (false)").message()).contains("loops");
    }

    @Test
    void compile_rejectsFunctionDefinitions() {
        assertThat(rejected("def f() { 1 }").message()).contains("defining functions");
        assertThat(rejected("function f() { 1 }").message()).contains("defining functions");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x = 1", "port = 1", "port += 1", "port++", "--port", "port <<= 1"})
    void compile_rejectsAssignments(String source) {
        Diagnostics diags = new Diagnostics();
        new ExpressionCompiler(Set.of("x", "port")).compile(source, AT, diags);
        assertThat(diags.list()).singleElement()
                .satisfies(d -> assertThat(d.message()).containsAnyOf("assignment", "changes a variable"));
    }

    @Test
    void compile_comparisonOperatorsAreNotAssignments() {
        Diagnostics diags = new Diagnostics();
        compiler().compile("port == 1 || port != 2 || port <= 3 || port >= 4", AT, diags);
        assertThat(diags.list()).isEmpty();
    }

    @Test
    void compile_rejectsImportsMacrosBlocksAndStatements() {
        assertThat(rejected("import File").message()).contains("'import' is not allowed");
        assertThat(rejected("@foo").message()).contains("'@'");
        assertThat(rejected("port; port").message()).contains("';'");
        assertThat(rejected("{1, 2}").message()).contains("'{");
        assertThat(rejected("if (port) 1").message()).contains("'if'");
    }

    @Test
    void compile_rejectsMethodsOutsideAllowList() {
        assertThat(rejected("result.stdout.repeat(1000000)").message()).startsWith("method 'repeat()' is not allowed");
        assertThat(rejected("result.getOrDefault('a', 1)").message()).startsWith("method 'getOrDefault()' is not allowed");
    }

    @Test
    void compile_rejectsReflectionNames() {
        assertThat(rejected("result.stdout.getDeclaredMethods()").message()).contains("cannot reach Java classes");
        assertThat(rejected("item.invoke").message()).contains("cannot reach Java classes");
    }

    @Test
    void compile_rejectsTopLevelFunctionCalls() {
        assertThat(rejected("exec('ls')").message()).contains("cannot reach Java classes");
        assertThat(rejected("port(1)").message()).startsWith("function calls are not allowed");
    }

    @Test
    void compile_rejectsClassNamesInsideProjections() {
        assertThat(rejected("(Runtime.runtime in groups)").message()).contains("cannot reach Java classes");
    }

    @Test
    void compile_stringContentsAreNotCode() {
        Diagnostics diags = new Diagnostics();
        compiler().compile("result.stdout == 'Runtime.getRuntime().exec(\"x = 1\"); new File'", AT, diags);
        assertThat(diags.list()).isEmpty();
    }

    @Test
    void attacks_haveNoEffect(@TempDir Path dir) {
        Path canary = dir.resolve("canary");
        String p = canary.toString().replace("\\", "/");
        String[] attacks = {
            "Runtime.getRuntime().exec('touch " + p + "')",
            "new java.io.File('" + p + "').createNewFile()",
            "java.nio.file.Files.createFile(java.nio.file.Paths.get('" + p + "'))",
            "''.getClass().forName('java.lang.Runtime').getRuntime().exec('touch " + p + "')",
            "x = new java.io.FileWriter('" + p + "')",
            "def f() { new java.io.File('" + p + "').createNewFile() }; f()",
            "Class.forName('java.io.File').getConstructor(String).newInstance('" + p + "').createNewFile()",
        };
        Map<String, Object> scope = new HashMap<>(Fixtures.scope());
        for (String attack : attacks) {
            Diagnostics diags = new Diagnostics();
            assertThat(compiler().compile(attack, AT, diags)).as(attack).isEmpty();
            assertThat(diags.hasErrors()).as(attack).isTrue();
        }
        assertThat(canary).doesNotExist();
    }
}
