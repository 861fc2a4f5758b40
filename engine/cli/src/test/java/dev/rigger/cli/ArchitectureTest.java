package dev.rigger.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The never-rules of docs/architecture.md ("Boundaries"), over every class of the product (SPI,
 * engine, built-in modules, command line; tests excluded). Each rule was seen failing once by a
 * deliberate violation before it was trusted (see the rule's comment).
 */
class ArchitectureTest {
    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        // the engine's test jar is on this class path too: its classes are no product
        ImportOption productOnly = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");
        product = new ClassFileImporter().withImportOption(productOnly).importPackages("dev.rigger");
    }

    /** The SPI is what custom modules inherit: the JDK and nothing else. */
    @Test
    void spi_dependsOnTheJdkOnly() {
        check(classes().that().resideInAPackage("dev.rigger.spi..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.rigger.spi..", "java.."));
    }

    /**
     * The testkit is on every module author's test class path: the SPI and the JDK, nothing of
     * the engine or its libraries (the SPI's checks are the engine's own).
     */
    @Test
    void testkit_dependsOnTheSpiOnly() {
        check(classes().that().resideInAPackage("dev.rigger.testkit..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.rigger.testkit..", "dev.rigger.spi..", "java.."));
    }

    /** Built-in modules use the SPI and well-kept format libraries, never the engine's insides. */
    @Test
    void modules_neverReachIntoTheEngine_orItsLibraries() {
        check(noClasses().that().resideInAPackage("dev.rigger.modules..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.rigger.engine..", "dev.rigger.cli..", "com.jcraft..",
                        "org.jgrapht..", "picocli.."));
    }

    /** Nothing depends on the command line: it only wires the stages together. */
    @Test
    void nothingDependsOnTheCommandLine() {
        check(noClasses().that().resideOutsideOfPackage("dev.rigger.cli..").should().dependOnClassesThat().resideInAPackage("dev.rigger.cli.."));
    }

    /** The graph library's types never leave compile. */
    @Test
    void jgrapht_onlyInCompile() {
        check(noClasses().that().resideOutsideOfPackage("dev.rigger.engine.compile..")
                .should().dependOnClassesThat().resideInAPackage("org.jgrapht.."));
    }

    /** SSH is the transport's business. */
    @Test
    void jsch_onlyInTransport() {
        check(noClasses().that().resideOutsideOfPackage("dev.rigger.engine.transport..")
                .should().dependOnClassesThat().resideInAPackage("com.jcraft.."));
    }

    /** The engine never prints: a listener does, given its stream. The keeper's own main is a program of its own (its log). */
    @Test
    void engine_neverPrintsToTheConsole() {
        check(noClasses().that().resideInAnyPackage("dev.rigger.engine..", "dev.rigger.modules..", "dev.rigger.keeper..")
                .and().doNotHaveFullyQualifiedName("dev.rigger.keeper.SessionKeeper")
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS));
    }

    /** The YAML reader knows locations (diag) and nothing of what it reads. */
    @Test
    void yaml_knowsOnlyDiagnostics() {
        check(classes().that().resideInAPackage("dev.rigger.engine.yaml..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.rigger.engine.yaml..", "dev.rigger.engine.diag..",
                        "com.fasterxml.jackson..", "org.yaml.snakeyaml..", "java.."));
    }

    /**
     * Stages depend only on earlier ones: what reads text (yaml, load, model, inventory, expr,
     * vault, diag) knows nothing of compiling, running or reporting; compile knows nothing of
     * running or reporting; the report knows results, not the graph.
     */
    @Test
    void stages_dependOnlyOnEarlierStages() {
        check(noClasses().that().resideInAnyPackage("dev.rigger.engine.yaml..", "dev.rigger.engine.load..", "dev.rigger.engine.model..",
                        "dev.rigger.engine.inventory..", "dev.rigger.engine.expr..", "dev.rigger.engine.vault..", "dev.rigger.engine.diag..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.rigger.engine.compile..", "dev.rigger.engine.exec..",
                        "dev.rigger.engine.plan..", "dev.rigger.engine.report..", "dev.rigger.engine.transport.."));
        check(noClasses().that().resideInAPackage("dev.rigger.engine.compile..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.rigger.engine.exec..", "dev.rigger.engine.plan..",
                        "dev.rigger.engine.report..", "dev.rigger.engine.transport.."));
        check(noClasses().that().resideInAPackage("dev.rigger.engine.report..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.rigger.engine.compile..", "dev.rigger.engine.exec.."));
    }

    /**
     * No cycles between the engine's packages. Within expr, eval and lib still need each other
     * (the evaluator calls filters through lib's interfaces; filters use eval's values): left as
     * one concern for now; transport and its keeper are kept apart by the rule below.
     */
    @Test
    void enginePackages_areFreeOfCycles() {
        check(slices().matching("dev.rigger.engine.(*)..").should().beFreeOfCycles());
    }

    /**
     * The transport reaches endpoints and knows nothing of inventories (exec's Endpoints makes an
     * endpoint of an inventory host) nor of the session keeper (rigger-keeper), which builds on it.
     */
    @Test
    void transport_knowsNeitherInventoriesNorTheKeeper() {
        check(noClasses().that().resideInAPackage("dev.rigger.engine.transport")
                .should().dependOnClassesThat().resideInAnyPackage("dev.rigger.engine.inventory..", "dev.rigger.keeper.."));
        // the keeper is an artifact of its own on the transport: the engine never reaches it (Maven refuses it too)
        check(noClasses().that().resideInAPackage("dev.rigger.engine..").should().dependOnClassesThat().resideInAPackage("dev.rigger.keeper.."));
    }

    private static void check(ArchRule rule) {
        rule.check(product);
    }
}
