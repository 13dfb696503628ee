package dev.factortwo.harness;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The harness's layering, as rules over its compiled classes: the packages follow the pipeline
 * {@code cli → plan → cell → engine → (fault | strategy) → state → task → (nn | data | device | workload) →
 * (tier | spark | services | measure)}, with no cycles, and nothing outside {@code engine} names an engine.
 */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = importFrom(dev.factortwo.harness.cell.CellRunner.class);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.factortwo.harness.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void taskCodeImportsNothingAboveIt() {
        noClasses().that().resideInAPackage("..harness.task..")
                .should().dependOnClassesThat().resideInAnyPackage("..harness.cli..", "..harness.plan..", "..harness.cell..",
                        "..harness.engine..", "..harness.fault..", "..harness.strategy..", "..harness.state..", "..harness.data..")
                .because("task/ is what runs inside Spark tasks: state, strategy and fault use it, never the reverse")
                .check(classes);
    }

    @Test
    void axesDoNotReachUpIntoTheRunner() {
        noClasses().that().resideInAnyPackage("..harness.state..", "..harness.strategy..", "..harness.fault..",
                        "..harness.tier..", "..harness.workload..", "..harness.device..", "..harness.nn..", "..harness.data..")
                .should().dependOnClassesThat().resideInAnyPackage("..harness.cli..", "..harness.plan..", "..harness.cell..", "..harness.engine..")
                .check(classes);
        noClasses().that().resideInAnyPackage("..harness.cell..", "..harness.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("..harness.cli..", "..harness.plan..")
                .check(classes);
    }

    @Test
    void onlyTheEnginePackageNamesAnEngine() {
        noClasses().that().resideOutsideOfPackage("..harness.engine..")
                .should().dependOnClassesThat(resideInAPackage("..harness.engine..")
                        .and(simpleNameStartingWith("Mllib").or(simpleNameStartingWith("TensorFlow"))))
                .because("cells dispatch through the Engine interface: no instanceof on engines, no engine classes named outside engine/")
                .check(classes);
    }

    @Test
    void theResultsModelAndReportsNeverImportTheHarness() {
        JavaClasses lower = importFrom(dev.factortwo.model.CellResult.class, dev.factortwo.reports.output.ReportType.class,
                dev.factortwo.datasets.Datasets.class);
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.factortwo.harness..").check(lower);
    }

    /**
     * The classes of the modules (directories or jars) that hold {@code types}: only our own code, read from where
     * it was built, instead of scanning every jar on the classpath for the packages.
     */
    private static JavaClasses importFrom(Class<?>... types) {
        List<Location> where = new ArrayList<>();
        for (Class<?> type : types) {
            try {
                where.add(Location.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException("cannot locate the classes of " + type, e);
            }
        }
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importLocations(where);
    }
}
