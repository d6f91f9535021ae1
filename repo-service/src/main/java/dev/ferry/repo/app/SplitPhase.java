package dev.ferry.repo.app;

import dev.ferry.contracts.avro.PathRename;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.repo.domain.PathMove;
import dev.ferry.repo.domain.ServicePath;
import dev.ferry.repo.domain.SplitFailure;
import dev.ferry.repo.domain.SplitLayout;
import dev.ferry.repo.jgit.GitRemote;
import dev.ferry.repo.jgit.JGitHistorySplitter;
import dev.ferry.repo.jgit.SplitResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.jgit.lib.Repository;

/**
 * A {@code split} phase: the services that share a source repository and revision are split in one walk (a service with
 * several {@code paths} as one repository of them all), then each split
 * is pushed to its own target ({@link TargetPush}), and every service gets a {@code repo.split} or a {@code step.failed}
 * saying exactly why.
 */
final class SplitPhase {

    private final SourceWorkspace workspace;
    private final TargetPush push;
    private final ProgressReporter progress;
    private final StepFailures failures;
    private final Clock clock;

    SplitPhase(
            SourceWorkspace workspace, TargetPush push, ProgressReporter progress, StepFailures failures, Clock clock) {
        this.workspace = workspace;
        this.push = push;
        this.progress = progress;
        this.failures = failures;
        this.clock = clock;
    }

    /** Invalid services fail first, in the phase's order; then each group of the rest is split and pushed. */
    List<SpecificRecord> run(PhaseStarted phase, Consumer<SpecificRecord> out) {
        var events = new ArrayList<SpecificRecord>();
        var groups = new LinkedHashMap<String, List<ServiceWork>>();
        for (ServiceWork work : phase.getServices()) {
            Optional<String> invalid = invalid(work);
            if (invalid.isPresent()) {
                events.add(failures.invalidInput(phase, work.getService(), invalid.get()));
                continue;
            }
            String key = work.getSource().getRepository() + "\n" + revision(work);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(work);
        }
        for (List<ServiceWork> group : groups.values()) {
            events.addAll(splitGroup(phase, group, out));
        }
        return events;
    }

    private static Optional<String> invalid(ServiceWork work) {
        if (work.getTarget() == null) {
            return Optional.of("service " + work.getService() + " has no target repository in the plan");
        }
        try {
            layoutOf(work);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static String revision(ServiceWork work) {
        return work.getSource().getCommit() != null
                ? work.getSource().getCommit()
                : work.getSource().getBranch();
    }

    private List<SpecificRecord> splitGroup(PhaseStarted phase, List<ServiceWork> group, Consumer<SpecificRecord> out) {
        Instant started = clock.instant();
        ServiceWork first = group.getFirst();
        var events = new ArrayList<SpecificRecord>();
        try {
            GitRemote sourceRemote = GitRemote.of(first.getSource().getRepository(), workspace.sourceToken(first));
            try (Repository source =
                            workspace.mirror(sourceRemote, first.getSource().getBranch());
                    Repository work = workspace.workRepositoryFor(source, sourceRemote)) {
                var splitter = JGitHistorySplitter.of(source, work);
                List<ServiceWork> splittable = setAsideUnsplittable(phase, group, splitter, events);
                if (!splittable.isEmpty()) {
                    Map<SplitLayout, SplitResult> results = split(phase, splittable, splitter, work, out);
                    var origin = new TargetPush.Origin(phase, sourceRemote, work, started);
                    for (ServiceWork service : splittable) {
                        events.add(push.push(origin, service, results.get(layoutOf(service))));
                    }
                }
            }
        } catch (SplitFailure failure) {
            events.clear(); // the whole group failed: one reason per service, none reported twice
            events.addAll(failures.ofEvery(phase, group, failure));
        }
        return events;
    }

    /** Fails the services whose directory cannot be split at the head (absent, or a file); returns the others. */
    private List<ServiceWork> setAsideUnsplittable(
            PhaseStarted phase, List<ServiceWork> group, JGitHistorySplitter splitter, List<SpecificRecord> events) {
        Map<SplitLayout, SplitFailure> unsplittable =
                splitter.unsplittableLayouts(revision(group.getFirst()), layoutsOf(group));
        var splittable = new ArrayList<ServiceWork>();
        for (ServiceWork service : group) {
            SplitFailure problem = unsplittable.get(layoutOf(service));
            if (problem != null) {
                events.add(failures.of(phase, service.getService(), problem));
            } else {
                splittable.add(service);
            }
        }
        return splittable;
    }

    /** One walk for every directory of the services (a group shares one revision), continuing from the saved state. */
    private Map<SplitLayout, SplitResult> split(
            PhaseStarted phase,
            List<ServiceWork> services,
            JGitHistorySplitter splitter,
            Repository work,
            Consumer<SpecificRecord> out) {
        List<SplitLayout> layouts = layoutsOf(services);
        Path state = work.getDirectory().toPath().resolve("ferry").resolve(stateName(layouts));
        return splitter.splitLayouts(
                revision(services.getFirst()), layouts, state, progress.forWalk(phase, services, out));
    }

    private static List<SplitLayout> layoutsOf(List<ServiceWork> services) {
        return services.stream().map(SplitPhase::layoutOf).distinct().toList();
    }

    /** The service's {@code paths} when the plan lists several, else its one {@code path} as the repository's root. */
    private static SplitLayout layoutOf(ServiceWork service) {
        List<PathRename> paths = service.getSplitPaths();
        if (paths.isEmpty()) {
            return SplitLayout.subdirectory(ServicePath.of(service.getSource().getPath()));
        }
        return SplitLayout.of(paths.stream()
                .map(path -> new PathMove(ServicePath.of(path.getFrom()), path.getTo()))
                .toList());
    }

    /** One saved state per set of layouts: a phase that splits other services starts its own. */
    private static String stateName(List<SplitLayout> layouts) {
        return GitRemote.shortHash(
                        String.join("\n", layouts.stream().map(SplitLayout::key).toList())) + ".state";
    }
}
