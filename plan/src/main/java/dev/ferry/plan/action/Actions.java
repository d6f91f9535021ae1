package dev.ferry.plan.action;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The action catalogue: every verb a plan can use, each defined once in its own class of this package. Adding an
 * action is a new class and one line in {@link #ALL}; the reader, the dry run, the planner and the JSON Schema pick it
 * up from here.
 */
public final class Actions {
    public static final Action SPLIT = Split.ACTION;
    public static final Action BUILD = Build.ACTION;
    public static final Action DEPLOY = Deploy.ACTION;
    public static final Action ROLLBACK = Rollback.ACTION;
    public static final Action ARCHIVE = Archive.ACTION;
    public static final Action GATE = Gate.ACTION;
    public static final Action WAIT = Wait.ACTION;
    public static final Action SCAFFOLD = Scaffold.ACTION;
    public static final Action CONFIGURE_REPOSITORY = ConfigureRepository.ACTION;
    public static final Action RESTRUCTURE = Restructure.ACTION;
    public static final Action RESTORE = Restore.ACTION;
    public static final Action RUN = Run.ACTION;
    public static final Action SHIFT_TRAFFIC = ShiftTraffic.ACTION;
    public static final Action MERGE = Merge.ACTION;
    public static final Action UNARCHIVE = Unarchive.ACTION;
    public static final Action MIGRATE_DATA = MigrateData.ACTION;
    public static final Action VERIFY_DATA = VerifyData.ACTION;
    public static final Action CUTOVER_DATA = CutoverData.ACTION;
    public static final Action ROLLBACK_DATA = RollbackData.ACTION;
    public static final Action BACKUP_DATABASE = BackupDatabase.ACTION;
    public static final Action RESTORE_DATABASE = RestoreDatabase.ACTION;
    public static final Action MANIFESTS = Manifests.ACTION;
    public static final Action TAG_IMAGE = TagImage.ACTION;

    private static final List<Action> ALL = List.of(
            RESTRUCTURE,
            MERGE,
            SPLIT,
            SCAFFOLD,
            CONFIGURE_REPOSITORY,
            BUILD,
            RUN,
            BACKUP_DATABASE,
            RESTORE_DATABASE,
            MIGRATE_DATA,
            VERIFY_DATA,
            CUTOVER_DATA,
            ROLLBACK_DATA,
            MANIFESTS,
            DEPLOY,
            TAG_IMAGE,
            SHIFT_TRAFFIC,
            ROLLBACK,
            ARCHIVE,
            UNARCHIVE,
            GATE,
            WAIT,
            RESTORE);
    private static final Map<String, Action> BY_NAME = byName();

    private Actions() {}

    /** Every action, in the order plans usually use them. */
    public static List<Action> all() {
        return ALL;
    }

    public static Optional<Action> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The actions by the name plans spell them with, in catalogue order. */
    public static Map<String, Action> byNames() {
        return BY_NAME;
    }

    private static Map<String, Action> byName() {
        var names = new LinkedHashMap<String, Action>();
        ALL.forEach(action -> names.put(action.name(), action));
        return Collections.unmodifiableMap(names);
    }
}
