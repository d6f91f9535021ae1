package dev.ferry.notifier.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The domain decides what to say; it knows nothing of Spring, Kafka, Avro, Slack, HTTP or JSON. */
class DomainIsPlainJavaTest {

    @Test
    void domainUsesNoFrameworkOrAdapter() {
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ferry.notifier");
        noClasses()
                .that()
                .resideInAPackage("dev.ferry.notifier.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "org.apache.kafka..",
                        "org.apache.avro..",
                        "dev.ferry.contracts..",
                        "com.slack..",
                        "com.fasterxml..",
                        "java.net.http..",
                        "org.slf4j..",
                        "dev.ferry.notifier.dispatch..",
                        "dev.ferry.notifier.kafka..",
                        "dev.ferry.notifier.slack..",
                        "dev.ferry.notifier.webhook..",
                        "dev.ferry.notifier.console..",
                        "dev.ferry.notifier.persistence..",
                        "dev.ferry.notifier.config..")
                .check(classes);
    }
}
