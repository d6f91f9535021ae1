package dev.ferry.planner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The planner's domain (plans, the run state machine) is plain Java, and its application layer (coordinator, ports)
 * knows no adapter: Spring, Kafka, Avro, JDBC, Debezium and YAML stay at the edges.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ferry.planner");

    private static final String[] ADAPTERS = {
        "org.springframework..",
        "org.apache.kafka..",
        "org.apache.avro..",
        "io.debezium..",
        "io.zonky..",
        "org.yaml..",
        "com.fasterxml.jackson..",
        "java.sql..",
        "org.slf4j..",
        "dev.ferry.contracts..",
        "dev.ferry.runtime..",
        "dev.ferry.planner.kafka..",
        "dev.ferry.planner.persistence..",
        "dev.ferry.planner.outbox..",
        "dev.ferry.planner.web..",
        "dev.ferry.planner.yaml..",
        "dev.ferry.planner.config.."
    };

    @Test
    void theDomainUsesNoFrameworkOrAdapter() {
        noClasses()
                .that()
                .resideInAPackage("dev.ferry.planner.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ADAPTERS)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.ferry.planner.app..", "dev.ferry.planner.github..")
                .check(CLASSES);
    }

    @Test
    void theApplicationLayerUsesNoAdapter() {
        noClasses()
                .that()
                .resideInAPackage("dev.ferry.planner.app..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ADAPTERS)
                .check(CLASSES);
    }
}
