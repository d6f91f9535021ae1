package dev.ferry.demo.sample;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The edits a day's work makes to one service of the sample monorepo: new endpoints, tests, tuned settings, version
 * bumps, notes, new resources, moved test files. Each edit changes the worktree and returns the commit message, or
 * nothing when it has no file it may touch (a file reserved by an open feature branch is never touched).
 */
final class ServiceChanges {

    /** @param summary a phrase with %s for the resource, e.g. "paginate %s lists" */
    record Feature(String slug, String summary) {}

    static final List<Feature> FEATURES = List.of(
            new Feature("pagination", "paginate %s lists"),
            new Feature("filter-by-date", "filter %s by date"),
            new Feature("input-validation", "validate %s input"),
            new Feature("caching", "cache %s lookups"),
            new Feature("rate-limit", "rate-limit %s requests"),
            new Feature("audit-log", "audit-log changes to %s"),
            new Feature("soft-delete", "soft-delete %s"),
            new Feature("bulk-import", "bulk-import %s"),
            new Feature("csv-export", "export %s as CSV"),
            new Feature("timezones", "handle time zones in %s"),
            new Feature("retries", "retry %s calls on timeout"),
            new Feature("request-ids", "propagate request ids through %s"),
            new Feature("sorting", "sort %s by any field"),
            new Feature("search", "search %s by name"),
            new Feature("etags", "send ETags for %s"),
            new Feature("metrics", "expose metrics for %s"));

    private final Random random;
    private final Map<String, Integer> versions = new HashMap<>();
    private final Map<String, Integer> timeouts = new HashMap<>();
    private final Map<String, Integer> resourcesAdded = new HashMap<>();

    ServiceChanges(Random random) {
        this.random = random;
    }

    /** One ordinary commit's worth of change to {@code service}; the message is conventional-commit style. */
    String anyChange(Worktree files, SampleService service, Set<String> reserved) {
        int roll = random.nextInt(100);
        Optional<String> message;
        if (roll < 38) {
            message = feature(files, service, reserved);
        } else if (roll < 55) {
            message = fix(files, service, reserved);
        } else if (roll < 67) {
            message = test(files, service, reserved);
        } else if (roll < 75) {
            message = Optional.of(tune(files, service));
        } else if (roll < 83) {
            message = Optional.of(release(files, service));
        } else if (roll < 90) {
            message = Optional.of(note(files, service));
        } else if (roll < 95) {
            message = newResource(files, service, reserved);
        } else {
            message = moveTest(files, service, reserved);
        }
        return message.orElseGet(() -> note(files, service));
    }

    Optional<String> feature(Worktree files, SampleService service, Set<String> reserved) {
        return pick(modules(files, service), path -> !reserved.contains(path)).map(module -> {
            Feature feature = pickFeature();
            String resource = resourceOf(module);
            String summary = feature.summary().formatted(resource);
            files.append(module, SampleFiles.endpoint(service, resource, feature.slug(), summary));
            return "feat(" + service.name() + "): " + summary;
        });
    }

    Optional<String> fix(Worktree files, SampleService service, Set<String> reserved) {
        return feature(files, service, reserved).map(message -> {
            String what = message.substring(message.indexOf(": ") + 2);
            return "fix(" + service.name() + "): " + what + " (broke on empty input)";
        });
    }

    Optional<String> test(Worktree files, SampleService service, Set<String> reserved) {
        return pick(tests(files, service), path -> !reserved.contains(path)).map(test -> {
            Feature feature = pickFeature();
            String summary = feature.summary().formatted(service.name());
            files.append(test, SampleFiles.testCase(service, feature.slug(), summary));
            return "test(" + service.name() + "): cover " + summary;
        });
    }

    String tune(Worktree files, SampleService service) {
        int timeout = timeouts.merge(service.name(), 250 * (1 + random.nextInt(8)), (a, b) -> 2000 + (a + b) % 9000);
        files.put(path(service, SampleFiles.configPath(service)), SampleFiles.config(service, timeout));
        return "perf(" + service.name() + "): set request timeout to " + timeout + " ms";
    }

    String release(Worktree files, SampleService service) {
        int release = versions.merge(service.name(), 1, Integer::sum);
        String version = "0." + (1 + release / 10) + "." + release % 10;
        files.put(path(service, SampleFiles.manifestPath(service)), SampleFiles.manifest(service, version));
        return "chore(" + service.name() + "): release " + version;
    }

    String note(Worktree files, SampleService service) {
        Feature feature = pickFeature();
        String summary = feature.summary().formatted(service.name());
        files.append(path(service, "README.md"), "- " + summary + "\n");
        return "docs(" + service.name() + "): explain how we " + summary;
    }

    /** Adds the service's next resource (module, test, index entry); empty when all are added or the index is taken. */
    Optional<String> newResource(Worktree files, SampleService service, Set<String> reserved) {
        int added = resourcesAdded.getOrDefault(service.name(), 0);
        String index = path(service, SampleFiles.indexPath(service));
        if (added >= service.laterResources().size() || reserved.contains(index)) {
            return Optional.empty();
        }
        String resource = service.laterResources().get(added);
        resourcesAdded.put(service.name(), added + 1);
        files.put(path(service, SampleFiles.modulePath(service, resource)), SampleFiles.module(service, resource));
        files.put(path(service, SampleFiles.testPath(service, resource)), SampleFiles.testFile(service, resource));
        var resources = new ArrayList<>(service.resources());
        resources.addAll(service.laterResources().subList(0, added + 1));
        files.put(index, SampleFiles.index(service, resources));
        return Optional.of("feat(" + service.name() + "): add the " + resource + " API");
    }

    /** The resource {@link #newResource} adds next, if any is left. */
    Optional<String> nextResource(SampleService service) {
        int added = resourcesAdded.getOrDefault(service.name(), 0);
        return added < service.laterResources().size()
                ? Optional.of(service.laterResources().get(added))
                : Optional.empty();
    }

    /** A resource the service already serves, picked at random. */
    String existingResource(Worktree files, SampleService service) {
        List<String> modules = modules(files, service);
        return resourceOf(modules.get(random.nextInt(modules.size())));
    }

    /** The files adding {@code resource} touches, so that a feature branch can reserve them. */
    static List<String> resourceFiles(SampleService service, String resource) {
        return List.of(
                path(service, SampleFiles.indexPath(service)),
                path(service, SampleFiles.modulePath(service, resource)),
                path(service, SampleFiles.testPath(service, resource)));
    }

    /** A feature on one given resource module, as a feature branch makes them. */
    String featureOn(Worktree files, SampleService service, String resource) {
        Feature feature = pickFeature();
        String summary = feature.summary().formatted(resource);
        files.append(
                path(service, SampleFiles.modulePath(service, resource)),
                SampleFiles.endpoint(service, resource, feature.slug(), summary));
        return "feat(" + service.name() + "): " + summary;
    }

    /** A test of one given resource, as a feature branch makes them. */
    String testOn(Worktree files, SampleService service, String resource) {
        Feature feature = pickFeature();
        String summary = feature.summary().formatted(resource);
        files.append(
                path(service, SampleFiles.testPath(service, resource)),
                SampleFiles.testCase(service, feature.slug(), summary));
        return "test(" + service.name() + "): cover " + summary;
    }

    /** Moves a test file under tests/unit/ (a rename git sees as such: same content). */
    Optional<String> moveTest(Worktree files, SampleService service, Set<String> reserved) {
        String unit = path(service, "tests/unit/");
        return pick(tests(files, service), path -> !path.startsWith(unit) && !reserved.contains(path))
                .map(test -> {
                    String name = test.substring(test.lastIndexOf('/') + 1);
                    files.rename(test, unit + name);
                    return "refactor(" + service.name() + "): move " + name + " under tests/unit";
                });
    }

    static String path(SampleService service, String relative) {
        return service.path() + "/" + relative;
    }

    Feature pickFeature() {
        return FEATURES.get(random.nextInt(FEATURES.size()));
    }

    private List<String> modules(Worktree files, SampleService service) {
        String index = path(service, SampleFiles.indexPath(service));
        String directory = path(service, SampleFiles.modulePath(service, "x")).replaceFirst("/[^/]+$", "");
        return files.pathsUnder(directory).stream()
                .filter(p -> !p.equals(index))
                .toList();
    }

    private static List<String> tests(Worktree files, SampleService service) {
        return files.pathsUnder(path(service, "tests"));
    }

    private static String resourceOf(String module) {
        String name = module.substring(module.lastIndexOf('/') + 1);
        return name.substring(0, name.indexOf('.')).toLowerCase(Locale.ROOT);
    }

    private Optional<String> pick(List<String> candidates, Predicate<String> allowed) {
        List<String> usable = candidates.stream().filter(allowed).toList();
        return usable.isEmpty() ? Optional.empty() : Optional.of(usable.get(random.nextInt(usable.size())));
    }
}
