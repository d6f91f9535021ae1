package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.ServiceHistory;
import dev.ferry.repo.domain.ServicePath;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/** Per-service state of the split: its decisions, its tree number per source commit, its new commit ids. */
final class ServiceSplit {
    final ServicePath path;
    final ServiceHistory history;
    final IntList trees = new IntList();
    final List<ObjectId> newIds = new ArrayList<>();

    ServiceSplit(ServicePath path, ServiceHistory history) {
        this.path = path;
        this.history = history;
    }
}
