package dev.ferry.data;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The domain is plain Java; only the adapters know JDBC, Debezium, Kafka Connect, Avro or Spring. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ferry.data");

    @Test
    void domainUsesNoFrameworkDriverOrAdapter() {
        noClasses()
                .that()
                .resideInAPackage("dev.ferry.data.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.sql..",
                        "org.springframework..",
                        "org.apache.kafka..",
                        "org.apache.avro..",
                        "io.debezium..",
                        "dev.ferry.contracts..",
                        "dev.ferry.runtime..",
                        "dev.ferry.data.jdbc..",
                        "dev.ferry.data.debezium..",
                        "dev.ferry.data.kafka..",
                        "dev.ferry.data.steps..",
                        "dev.ferry.data.files..",
                        "dev.ferry.data.config..")
                .check(CLASSES);
    }

    @Test
    void onlyTheDebeziumAdapterKnowsDebeziumAndKafkaConnect() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.ferry.data.debezium..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.debezium..", "org.apache.kafka.connect..")
                .check(CLASSES);
    }
}
