package dev.ferry.demo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The demo is a composition root like {@code FerryCli}: it wires the CLI's Kafka adapters, the embedded services and
 * the sample mono-repo. The embedded services and the sample know nothing of it, so that other commands can reuse them.
 */
class ArchitectureTest {

    private static final JavaClasses DEMO = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ferry.demo");

    @Test
    void theSampleMonorepoIsPlainJGitWithoutTheCommandLine() {
        noClasses()
                .that()
                .resideInAPackage("dev.ferry.demo.sample..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "picocli..",
                        "org.apache.kafka..",
                        "org.springframework..",
                        "dev.ferry.cli..",
                        "dev.ferry.demo",
                        "dev.ferry.demo.embedded..")
                .check(DEMO);
    }

    /** The services and broker in one process, with no narration: what a long-running `ferry up` can start too. */
    @Test
    void theEmbeddedServicesKnowNothingOfTheDemo() {
        noClasses()
                .that()
                .resideInAPackage("dev.ferry.demo.embedded..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("picocli..", "dev.ferry.cli..", "dev.ferry.demo", "dev.ferry.demo.sample..")
                .check(DEMO);
    }

    /** Only the embedded package starts Spring contexts and names the services' classes. */
    @Test
    void onlyTheEmbeddedPackageTouchesSpringAndTheServices() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.ferry.demo.embedded..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "dev.ferry.planner..",
                        "dev.ferry.repo..",
                        "dev.ferry.build..",
                        "dev.ferry.deploy..",
                        "dev.ferry.notifier..")
                .check(DEMO);
    }
}
