package dev.ferry.demo.sample;

import java.util.List;
import java.util.stream.Collectors;

/** Files at the monorepo's root and in docs/, shared by every service. */
final class RootTemplates {

    private RootTemplates() {}

    static String readme(List<SampleService> services) {
        String rows = services.stream()
                .map(s -> "| `" + s.path() + "` | " + s.description() + " | " + s.port() + " |")
                .collect(Collectors.joining("\n"));
        return """
                # FitSync

                Fitness coaching platform: members book sessions with trainers, follow programs and track progress.
                All services live in this repository (a monorepo); CircleCI builds what a change touches.

                | path | what | port |
                |---|---|---|
                %s

                Run everything: `docker compose up`.

                ## Changes
                """.formatted(rows);
    }

    static String circleci(List<SampleService> services) {
        String jobs = services.stream()
                .map(s -> "  build-" + s.name() + ":\n    docker: [{ image: cimg/base:stable }]\n"
                        + "    steps: [checkout, { run: docker build " + s.path() + " }]")
                .collect(Collectors.joining("\n"));
        String filters = services.stream()
                .map(s -> "            " + s.path() + "/.* run-" + s.name() + " true")
                .collect(Collectors.joining("\n"));
        return """
                version: 2.1
                setup: true
                orbs:
                  path-filtering: circleci/path-filtering@1.0.0
                workflows:
                  filter:
                    jobs:
                      - path-filtering/filter:
                          mapping: |
                %s
                jobs:
                %s
                """.formatted(filters, jobs);
    }

    static String compose(List<SampleService> services) {
        String entries = services.stream()
                .map(s -> "  " + s.name() + ":\n    build: ./" + s.path() + "\n    ports: [\"" + s.port() + ":"
                        + s.port() + "\"]\n    environment:\n      LOG_LEVEL: info")
                .collect(Collectors.joining("\n"));
        return "services:\n" + entries + "\n";
    }

    static final String GITIGNORE = "node_modules/\n__pycache__/\n*.pyc\n.env\ndist/\ncoverage/\n";

    static final String ARCHITECTURE = """
            # Architecture

            The api-gateway routes /api/* to the services; services talk over HTTP and Redis pub/sub.

            ## Decisions
            """;

    static final String RUNBOOK = """
            # Runbook

            ## Incidents
            """;

    static final String SETUP = """
            # Setup

            Install Docker, then `docker compose up`.

            ## Tips
            """;
}
