package dev.ferry.demo.sample;

import dev.ferry.demo.sample.Team.Author;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The sample monorepo's history, written commit by commit from one seeded random source: a root commit, one scaffold
 * commit per service, then ordinary days of work (mostly one service per commit, some several, some only root
 * files), feature branches merged through pull requests, and release tags.
 */
final class SampleHistory {

    /** Shape of a day's commits, in percent of the loop's turns. */
    private static final int FEATURE_BRANCH = 7;

    private static final int SEVERAL_SERVICES = FEATURE_BRANCH + 10;
    private static final int ROOT_ONLY = SEVERAL_SERVICES + 6;

    private final Random random;
    private final Team team;
    private final ServiceChanges changes;
    private final RootChanges root;
    private final HistoryWriter writer;
    private final List<SampleService> services;
    private final int budget;
    private final Releases releases;
    private Worktree main = new Worktree();
    private ObjectId head;
    private int pullRequests;

    SampleHistory(long seed, int budget, List<SampleService> services, HistoryWriter writer) {
        this.random = new Random(seed);
        this.team = new Team(random);
        this.changes = new ServiceChanges(random);
        this.root = new RootChanges(random, services);
        this.writer = writer;
        this.services = List.copyOf(services);
        this.budget = budget;
        this.releases = new Releases(budget);
    }

    /** Writes the whole history; returns the head of main. */
    ObjectId write() throws IOException {
        root.initial(main);
        commit(Team.LEAD, "Initial commit: FitSync monorepo layout");
        for (SampleService service : services) {
            SampleFiles.skeleton(service).forEach((path, content) -> main.put(service.path() + "/" + path, content));
            commit(team.authorFor(service.name()), "feat(" + service.name() + "): scaffold " + service.description());
        }
        while (writer.commits() < budget) {
            var release = releases.due(writer.commits());
            if (release.isPresent()) {
                tag(release.get());
            }
            int roll = random.nextInt(100);
            int left = budget - writer.commits();
            if (roll < FEATURE_BRANCH && left >= 4) {
                featureBranch(left);
            } else if (roll < SEVERAL_SERVICES) {
                severalServices();
            } else if (roll < ROOT_ONLY) {
                Author author = random.nextInt(3) == 0 ? Team.DEPENDABOT : team.anyone();
                commit(author, root.change(main, author == Team.DEPENDABOT));
            } else {
                oneService(anyService(), Set.of());
            }
        }
        return head;
    }

    private void oneService(SampleService service, Set<String> reserved) throws IOException {
        Author author = team.authorFor(service.name());
        commit(author, changes.anyChange(main, service, reserved));
    }

    private void severalServices() throws IOException {
        var chosen = new ArrayList<>(services);
        Collections.shuffle(chosen, random);
        List<SampleService> some = chosen.subList(0, 2 + random.nextInt(3));
        String names = some.stream().map(SampleService::name).collect(Collectors.joining(", "));
        int kind = random.nextInt(3);
        for (SampleService service : some) {
            switch (kind) {
                case 0 -> changes.tune(main, service);
                case 1 -> changes.feature(main, service, Set.of());
                default -> changes.release(main, service);
            }
        }
        String message =
                switch (kind) {
                    case 0 -> "perf: align request timeouts in " + names;
                    case 1 -> "feat: same " + changes.pickFeature().slug() + " behaviour in " + names;
                    default -> "chore: release " + names;
                };
        commit(team.anyone(), message);
    }

    /**
     * A pull request: a branch of a few commits on one resource of one service (a new resource while the service has
     * some left to add), while main moves on without touching the branch's files, so the merge is clean; then a merge
     * commit with both parents, as GitHub writes it.
     */
    private void featureBranch(int left) throws IOException {
        SampleService service = anyService();
        var next = changes.nextResource(service);
        boolean adding = next.isPresent();
        String resource = adding ? next.get() : changes.existingResource(main, service);
        Set<String> reserved = adding
                ? new HashSet<>(ServiceChanges.resourceFiles(service, resource))
                : Set.of(ServiceChanges.path(service, SampleFiles.modulePath(service, resource)));
        int onBranch = Math.min(2 + random.nextInt(4), left - 1);
        int onMain = Math.min(random.nextInt(4), left - 1 - onBranch);
        var turns = new ArrayList<Boolean>();
        for (int i = 0; i < onBranch + onMain; i++) {
            turns.add(i < onBranch);
        }
        Collections.shuffle(turns, random);
        Worktree branch = main.copy();
        ObjectId branchHead = head;
        Author developer = team.authorFor(service.name());
        boolean first = true;
        for (boolean onTheBranch : turns) {
            if (!onTheBranch) {
                oneService(random.nextBoolean() ? service : anyService(), reserved);
                continue;
            }
            String message;
            if (first && adding) {
                message = changes.newResource(branch, service, Set.of()).orElseThrow();
            } else if (adding && random.nextBoolean()) {
                message = changes.testOn(branch, service, resource);
            } else {
                message = changes.featureOn(branch, service, resource);
            }
            first = false;
            Instant when = team.next();
            branchHead = writer.commit(branch, List.of(branchHead), developer.at(when), developer.at(when), message);
        }
        Worktree merged = main.copy();
        reserved.forEach(path -> merged.takeFrom(branch, path));
        main = merged;
        pullRequests++;
        String topic = adding ? resource : resource + "-endpoints-" + pullRequests;
        String title = adding
                ? "feat(" + service.name() + "): add the " + resource + " API"
                : "feat(" + service.name() + "): more " + resource + " endpoints";
        Instant when = team.next();
        head = writer.commit(
                main,
                List.of(head, branchHead),
                team.anyone().at(when),
                Team.GITHUB.at(when),
                "Merge pull request #" + pullRequests + " from FitSync-G13/feature/" + service.name() + "-" + topic
                        + "\n\n" + title);
    }

    private void tag(String version) throws IOException {
        Instant when = team.next();
        writer.tag(version, head, Team.LEAD.at(when), "FitSync " + version);
    }

    private void commit(Author author, String message) throws IOException {
        Instant when = team.next();
        List<ObjectId> parents = head == null ? List.of() : List.of(head);
        head = writer.commit(main, parents, author.at(when), author.at(when), message);
    }

    private SampleService anyService() {
        return services.get(random.nextInt(services.size()));
    }

    /** Release tags over the history: v1.0.0 a tenth of the way in, then patches and minors, v2.0.0 late. */
    static final class Releases {
        private final int first;
        private final int every;
        private int next;
        private int count;

        Releases(int budget) {
            this.first = Math.max(9, budget / 10);
            this.every = Math.max(1, budget / 15);
            this.next = first;
        }

        Optional<String> due(int commits) {
            if (commits < next) {
                return Optional.empty();
            }
            next += every;
            count++;
            return Optional.of(name(count));
        }

        static String name(int release) {
            int major = release < 10 ? 1 : 2;
            int inMajor = release < 10 ? release - 1 : release - 10;
            return "v" + major + "." + inMajor / 3 + "." + inMajor % 3;
        }
    }

    Map<String, ObjectId> tags() {
        return writer.tags();
    }
}
