package dev.factortwo.reports;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reports' and the results model's layering, as rules over their compiled classes. The reports follow their own
 * pipeline, {@code cli → compare → output → (html | markdown) → reports → gate → jmh}, on top of the model
 * ({@code analysis | json → model ↔ stats}, with the value types both need in {@code model}): each layer uses only
 * those below it, so there is no cycle anywhere (the format enum once named its writers while they named it, and the
 * gate imported the JUnit writer that imported the gate).
 */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.factortwo.reports", "dev.factortwo.model");
    }

    @Test
    void reportsAreLayeredFromTheCliDownToTheGate() {
        layeredArchitecture().consideringOnlyDependenciesInAnyPackage("dev.factortwo..")
                .layer("cli").definedBy("dev.factortwo.reports.cli..")
                .layer("compare").definedBy("dev.factortwo.reports.compare..")
                .layer("output").definedBy("dev.factortwo.reports.output..")
                .layer("formats").definedBy("dev.factortwo.reports.html..", "dev.factortwo.reports.markdown..")
                .layer("reports").definedBy("dev.factortwo.reports")
                .layer("gate").definedBy("dev.factortwo.reports.gate..")
                .layer("jmh").definedBy("dev.factortwo.reports.jmh..")
                .layer("model").definedBy("dev.factortwo.model..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("compare").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("output").mayOnlyBeAccessedByLayers("cli", "compare")
                .whereLayer("formats").mayOnlyBeAccessedByLayers("output")
                .whereLayer("reports").mayOnlyBeAccessedByLayers("cli", "compare", "output", "formats")
                .whereLayer("gate").mayOnlyBeAccessedByLayers("cli", "compare", "output", "formats", "reports")
                .whereLayer("jmh").mayOnlyBeAccessedByLayers("cli", "compare", "gate")
                .whereLayer("model").mayOnlyBeAccessedByLayers("cli", "compare", "output", "formats", "reports", "gate", "jmh")
                .check(classes);
    }

    @Test
    void modelIsLayeredAndReachesNothingAboveIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("analysis").definedBy("dev.factortwo.model.analysis..")
                .layer("json").definedBy("dev.factortwo.model.json..")
                .layer("stats").definedBy("dev.factortwo.model.stats..")
                .layer("values").definedBy("dev.factortwo.model")
                .whereLayer("analysis").mayNotBeAccessedByAnyLayer()
                .whereLayer("json").mayNotBeAccessedByAnyLayer()
                .whereLayer("stats").mayOnlyBeAccessedByLayers("analysis", "json")
                .check(classes);
    }

    @Test
    void noPackageCyclesInTheReportsOrTheModel() {
        slices().matching("dev.factortwo.(*)..").should().beFreeOfCycles().check(classes);
        slices().matching("dev.factortwo.reports.(*)..").should().beFreeOfCycles().check(classes);
        slices().matching("dev.factortwo.model.(*)..").should().beFreeOfCycles().check(classes);
    }
}
