package dev.ferry.plan;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Plans are plain Java: the planner and the CLI both read them, so no framework, broker or wire format may leak in,
 * and only the YAML reader knows YAML.
 */
class PlanArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ferry.plan");

    @Test
    void plansKnowNoFrameworkBrokerOrService() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "org.apache.kafka..",
                        "org.apache.avro..",
                        "dev.ferry.contracts..",
                        "dev.ferry.planner..",
                        "dev.ferry.cli..")
                .check(CLASSES);
    }

    @Test
    void onlyTheReaderKnowsYaml() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.ferry.plan.yaml..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.yaml..")
                .check(CLASSES);
    }
}
