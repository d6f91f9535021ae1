package dev.ferry.planner.github;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Signature checking and delivery parsing stay plain Java (Jackson allowed): no Spring, servlet, metrics or logging. */
class GithubPackageIsPlainJavaTest {

    @Test
    void githubPackageUsesNoFrameworkOrWebLayer() {
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ferry.planner");
        noClasses()
                .that()
                .resideInAPackage("dev.ferry.planner.github..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "jakarta..",
                        "io.micrometer..",
                        "org.slf4j..",
                        "org.apache.kafka..",
                        "dev.ferry.planner.web..")
                .check(classes);
    }
}
