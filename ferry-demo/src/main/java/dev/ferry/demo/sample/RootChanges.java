package dev.ferry.demo.sample;

import java.util.List;
import java.util.Random;

/** Changes to the files every service shares: the README, CI configuration, compose file and docs. */
final class RootChanges {

    static final String README = "README.md";
    static final String CIRCLECI = ".circleci/config.yml";
    static final String COMPOSE = "docker-compose.yml";
    static final String SETUP = "docs/setup.md";
    static final String GETTING_STARTED = "docs/getting-started.md";

    private static final List<String> TOPICS = List.of(
            "on-call rotation",
            "database failover",
            "Redis outage",
            "certificate renewal",
            "slow bookings endpoint",
            "login spikes on Monday mornings",
            "notification backlog",
            "ECR pull limits");

    private final Random random;
    private final List<SampleService> services;
    private int orbPatch;

    RootChanges(Random random, List<SampleService> services) {
        this.random = random;
        this.services = List.copyOf(services);
    }

    void initial(Worktree files) {
        files.put(README, RootTemplates.readme(services));
        files.put(CIRCLECI, circleci());
        files.put(COMPOSE, RootTemplates.compose(services));
        files.put(".gitignore", RootTemplates.GITIGNORE);
        files.put("docs/architecture.md", RootTemplates.ARCHITECTURE);
        files.put("docs/runbook.md", RootTemplates.RUNBOOK);
        files.put(SETUP, RootTemplates.SETUP);
    }

    /** One root-only commit's change; returns its message. */
    String change(Worktree files, boolean byDependabot) {
        if (byDependabot) {
            String from = orbVersion();
            orbPatch++;
            files.put(CIRCLECI, circleci());
            return "build(deps): bump circleci/path-filtering from " + from + " to " + orbVersion();
        }
        String topic = TOPICS.get(random.nextInt(TOPICS.size()));
        return switch (random.nextInt(5)) {
            case 0 -> {
                files.append(README, "- " + topic + " notes moved to docs/runbook.md\n");
                yield "docs: point the README at the runbook for " + topic;
            }
            case 1 -> {
                files.append("docs/runbook.md", "\n### " + topic + "\n\nCheck the dashboards, then page the owner.\n");
                yield "docs(runbook): add " + topic;
            }
            case 2 -> {
                files.append("docs/architecture.md", "- decided how to handle " + topic + "\n");
                yield "docs(architecture): record the decision on " + topic;
            }
            case 3 -> {
                files.append(COMPOSE, "# " + topic + ": see docs/runbook.md\n");
                yield "chore(compose): comment the " + topic + " setting";
            }
            default -> setupDocs(files, topic);
        };
    }

    private String setupDocs(Worktree files, String topic) {
        if (files.has(SETUP)) {
            files.rename(SETUP, GETTING_STARTED);
            return "docs: rename setup.md to getting-started.md";
        }
        files.append(GETTING_STARTED, "- " + topic + "\n");
        return "docs(getting-started): mention " + topic;
    }

    private String circleci() {
        return RootTemplates.circleci(services).replace("path-filtering@1.0.0", "path-filtering@" + orbVersion());
    }

    private String orbVersion() {
        return "1." + orbPatch / 10 + "." + orbPatch % 10;
    }
}
