package dev.ferry.build;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The domain stays plain Java: no framework, broker, git, image, cloud or serialization library in it. */
class ArchitectureTest {

    @Test
    void theDomainUsesNoFrameworkOrAdapterLibrary() {
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ferry.build");

        noClasses()
                .that()
                .resideInAPackage("dev.ferry.build.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "org.apache.kafka..",
                        "org.apache.avro..",
                        "dev.ferry.contracts..",
                        "dev.ferry.runtime..",
                        "org.eclipse.jgit..",
                        "com.google.cloud.tools.jib..",
                        "software.amazon.awssdk..",
                        "com.fasterxml.jackson..",
                        "org.slf4j..",
                        "dev.ferry.build.jib..",
                        "dev.ferry.build.buildah..",
                        "dev.ferry.build.jgit..",
                        "dev.ferry.build.ecr..",
                        "dev.ferry.build.kafka..",
                        "dev.ferry.build.config..")
                .check(classes);
    }
}
