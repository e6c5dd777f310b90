package dev.herald.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.herald.core.intake.Intake;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/** The core is plain Java: frameworks, databases, HTTP clients and JSON live in the adapter modules. */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.herald.core");

    @Test
    void theCoreClassesAreActuallyChecked() {
        // given / when / then: an empty import would let the rule below pass without checking anything
        assertThat(CORE).hasSizeGreaterThan(20);
        assertThat(CORE.contain(Intake.class)).isTrue();
        assertThat(CORE.contain(ArchitectureTest.class)).isFalse();
    }

    @Test
    void theCoreDependsOnNoFrameworkDatabaseHttpOrJsonLibrary() {
        // given
        ArchRule plainJava = noClasses().that().resideInAPackage("dev.herald.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..",
                        "java.sql..",
                        "javax.sql..",
                        "jakarta..",
                        "java.net.http..",
                        "okhttp3..",
                        "org.apache.http..",
                        "com.fasterxml..",
                        "tools.jackson..",
                        "org.h2..",
                        "org.postgresql..");

        // when / then
        plainJava.check(CORE);
    }

    @Test
    void thePackagesOfTheCoreDependOnEachOtherWithoutCycles() {
        // Shared vocabulary (model, request, notification) sits below the stages that use it, so reading the
        // packages in the order of the flow never needs a later one to understand an earlier one.
        slices().matching("dev.herald.core.(*)..").should().beFreeOfCycles().check(CORE);
    }
}
