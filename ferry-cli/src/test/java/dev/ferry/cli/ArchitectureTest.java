package dev.ferry.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Commands and views stay free of the technologies behind them; Kafka and HTTP live in their adapter packages. */
class ArchitectureTest {

    private static final JavaClasses CLI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ferry.cli");

    @Test
    void commandsAndViewsUseNoKafkaHttpJsonOrGit() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.ferry.cli.ops..", "dev.ferry.cli.status..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.kafka..", "java.net.http..", "com.fasterxml.jackson..", "org.eclipse.jgit..")
                .check(CLI);
    }

    @Test
    void onlyTheAdaptersKnowEachOther() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.ferry.cli.ops..", "dev.ferry.cli.status..", "dev.ferry.cli.sample..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.ferry.cli.kafka..", "dev.ferry.cli.http..")
                .check(CLI);
    }

    @Test
    void theSampleMonorepoIsPlainJGitWithoutTheCommandLine() {
        noClasses()
                .that()
                .resideInAPackage("dev.ferry.cli.sample..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "picocli..",
                        "org.apache.kafka..",
                        "org.springframework..",
                        "dev.ferry.cli.ops..",
                        "dev.ferry.cli.status..",
                        "dev.ferry.cli.demo..")
                .check(CLI);
    }

    /**
     * The demo is a composition root like {@code FerryCli}: it wires the Kafka adapters and the embedded services.
     * Nothing else may reach into it, and only its {@code embedded} package touches Spring.
     */
    @Test
    void theDemoIsWiringThatNothingElseUses() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.ferry.cli.demo..", "dev.ferry.cli")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.ferry.cli.demo..")
                .check(CLI);
        noClasses()
                .that()
                .resideInAPackage("dev.ferry.cli.demo")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..")
                .check(CLI);
    }
}
