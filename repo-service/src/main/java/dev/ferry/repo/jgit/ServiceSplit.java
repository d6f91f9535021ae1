package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.ServiceHistory;
import dev.ferry.repo.domain.SplitLayout;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/** Per-service (per-layout) state of the split: its decisions, its tree number per source commit, its new commit ids. */
final class ServiceSplit {
    final SplitLayout layout;
    final ServiceHistory history;
    final IntList trees = new IntList();
    final List<ObjectId> newIds = new ArrayList<>();

    ServiceSplit(SplitLayout layout, ServiceHistory history) {
        this.layout = layout;
        this.history = history;
    }
}
