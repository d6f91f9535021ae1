package dev.ferry.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Commands and views stay free of the technologies behind them; Kafka and HTTP live in their adapter packages. The
 * operator CLI embeds no service: `ferry demo` and the services it runs live in ferry-demo, which builds on this module.
 */
class ArchitectureTest {

    private static final JavaClasses CLI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ferry.cli");

    @Test
    void commandsAndViewsUseNoKafkaHttpOrJson() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.ferry.cli.ops..", "dev.ferry.cli.status..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "java.net.http..", "com.fasterxml.jackson..")
                .check(CLI);
    }

    @Test
    void onlyTheAdaptersKnowEachOther() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.ferry.cli.ops..", "dev.ferry.cli.status..", "dev.ferry.cli.plan..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.ferry.cli.kafka..", "dev.ferry.cli.http..")
                .check(CLI);
    }

    /**
     * The services and Spring stay out of the operator CLI, so that its jar stays small (the pom's enforcer rule keeps
     * them out of its dependencies too). It talks to a running Ferry over Kafka and HTTP only.
     */
    @Test
    void theOperatorCliTouchesNeitherSpringNorTheServices() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "dev.ferry.runtime..",
                        "dev.ferry.planner..",
                        "dev.ferry.repo..",
                        "dev.ferry.build..",
                        "dev.ferry.deploy..",
                        "dev.ferry.notifier..",
                        "dev.ferry.demo..")
                .check(CLI);
    }
}
