package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.AncestryGraph;
import dev.ferry.repo.domain.ServiceHistory;
import dev.ferry.repo.domain.SplitLayout;
import dev.ferry.repo.domain.SplitStep;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Everything a split has decided so far, so that splitting again after new source commits walks only those: the source
 * commits in walk order with the inputs each service's decision took (parents, whether the commit changed anything, the
 * directory's tree number), the tree numbering, and each service's new commit ids.
 *
 * <p>It is saved as the inputs, not the decisions ({@link SplitStateFile}): loading replays {@link ServiceHistory} over
 * them, which is pure arithmetic and reproduces the very same decisions and numbering, so an incremental split is a full
 * split that skips reading old objects.
 */
final class SplitState {

    final List<SplitLayout> layouts;
    final AncestryGraph sourceGraph = new AncestryGraph();
    final SourceIds sourceIds = new SourceIds();
    final List<ObjectId> trees = new ArrayList<>();
    final Map<SplitLayout, ServiceSplit> services = new LinkedHashMap<>();
    private final List<int[]> parents = new ArrayList<>();
    private final List<Boolean> changed = new ArrayList<>();
    private ObjectId tip;

    private SplitState(List<SplitLayout> layouts, ObjectId emptyTree) {
        this.layouts = List.copyOf(layouts);
        trees.add(emptyTree); // number ServiceHistory.ABSENT
        layouts.forEach(layout -> services.put(layout, new ServiceSplit(layout, new ServiceHistory(sourceGraph))));
    }

    static SplitState fresh(List<SplitLayout> layouts, ObjectId emptyTree) {
        return new SplitState(layouts, emptyTree);
    }

    /** The source head the state was last split at; empty for a fresh state. */
    Optional<ObjectId> tip() {
        return Optional.ofNullable(tip);
    }

    void tip(ObjectId newTip) {
        tip = newTip.copy();
    }

    int commitCount() {
        return sourceIds.size();
    }

    /** The parent numbers source commit {@code commit} was walked with. */
    int[] parentsOf(int commit) {
        return parents.get(commit);
    }

    /** Whether source commit {@code commit} changed anything at all relative to its first parent. */
    boolean hadFileChanges(int commit) {
        return changed.get(commit);
    }

    /** Records one source commit and decides it for every service; {@code onKeep} writes the kept commits. */
    void walked(ObjectId commit, int[] commitParents, boolean hadFileChanges, int[] treeNumbers, KeptCommits onKeep)
            throws IOException {
        sourceGraph.add(commitParents);
        sourceIds.add(commit);
        parents.add(commitParents);
        changed.add(hadFileChanges);
        int i = 0;
        for (ServiceSplit service : services.values()) {
            int tree = treeNumbers[i++];
            service.trees.add(tree);
            if (service.history.next(commitParents, hadFileChanges, tree) instanceof SplitStep.Keep keep) {
                service.newIds.add(onKeep.write(service, keep).copy());
            }
        }
    }

    /** Writes a kept commit for a service and returns its id. */
    @FunctionalInterface
    interface KeptCommits {
        ObjectId write(ServiceSplit service, SplitStep.Keep keep) throws IOException;
    }
}
