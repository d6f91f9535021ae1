package dev.ferry.deploy.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The domain is plain Java: no framework, broker, git or cluster library reaches it. SnakeYAML is allowed inside the
 * manifest editor and the compose reader only, where its node marks locate values in the text (and the lines errors
 * name); it appears in no domain signature.
 */
class DomainPurityTest {

    private static final com.tngtech.archunit.core.domain.JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ferry.deploy");

    @Test
    void domainUsesNoFrameworkOrAdapterLibrary() {
        noClasses()
                .that()
                .resideInAPackage("dev.ferry.deploy.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "org.apache.kafka..",
                        "org.apache.avro..",
                        "dev.ferry.contracts..",
                        "org.eclipse.jgit..",
                        "io.fabric8..",
                        "dev.ferry.deploy.jgit..",
                        "dev.ferry.deploy.k8s..",
                        "dev.ferry.deploy.kafka..",
                        "dev.ferry.deploy.config..")
                .check(CLASSES);
    }

    @Test
    void trafficShiftingIsPlainJavaLikeTheRestOfTheDomain() {
        noClasses()
                .that()
                .resideInAPackage("dev.ferry.deploy.traffic")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "org.apache.kafka..",
                        "org.apache.avro..",
                        "dev.ferry.contracts..",
                        "com.fasterxml..",
                        "java.net.http..",
                        "dev.ferry.deploy.traffic.kafka..",
                        "dev.ferry.deploy.traffic.prometheus..",
                        "dev.ferry.deploy.jgit..",
                        "dev.ferry.deploy.kafka..",
                        "dev.ferry.deploy.config..")
                .check(CLASSES);
    }

    @Test
    void onlyTheManifestEditorAndTheComposeReaderReadYamlNodes() {
        noClasses()
                .that()
                .resideInAPackage("dev.ferry.deploy..")
                .and()
                .resideOutsideOfPackage("dev.ferry.deploy.domain.manifest..")
                .and()
                .resideOutsideOfPackage("dev.ferry.deploy.domain.compose..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.yaml..")
                .check(CLASSES);
    }
}
