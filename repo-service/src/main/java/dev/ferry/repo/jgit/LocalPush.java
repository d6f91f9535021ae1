package dev.ferry.repo.jgit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.internal.storage.pack.PackWriter;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.RefSpec;

/**
 * A push into a repository on this machine's disk, done without the wire protocol: the pack is written to a file in the
 * target and read by the target's own pack parser (which hashes and indexes every object, as git receive-pack does),
 * then the refs move in one atomic update that fails if any of them moved meanwhile. JGit's local transport hands the
 * pack from one thread to the other through a 1 KiB pipe, one thread hand-off per KiB (35,000 for a merge of twenty
 * repositories); a file takes none.
 */
final class LocalPush {

    /**
     * What one ref update came to: {@code OK}, {@code NOT_ATTEMPTED} when the ref was already there, anything else
     * means no ref was updated.
     */
    record Update(String ref, ReceiveCommand.Result result, String message) {}

    private final Repository work;

    LocalPush(Repository work) {
        this.work = work;
    }

    /**
     * Sends what {@code specs} name ({@code <id>:<ref>}, forced or not) to the repository at {@code gitDir}; a ref
     * update that is not a fast-forward and not forced, or a ref that moved while Ferry worked, fails them all.
     */
    List<Update> push(Path gitDir, List<RefSpec> specs) throws IOException {
        try (Repository target = new FileRepositoryBuilder()
                        .setGitDir(gitDir.toFile())
                        .setMustExist(true)
                        .build();
                var walk = new RevWalk(target)) {
            var commands = new ArrayList<ReceiveCommand>();
            var forced = new HashSet<ReceiveCommand>();
            var have = new HashSet<ObjectId>();
            var results = new ArrayList<Update>();
            for (RefSpec spec : specs) {
                Ref current = target.exactRef(spec.getDestination());
                ObjectId old = current == null ? ObjectId.zeroId() : current.getObjectId();
                ObjectId wanted = ObjectId.fromString(spec.getSource());
                if (old.equals(wanted)) {
                    results.add(new Update(spec.getDestination(), ReceiveCommand.Result.NOT_ATTEMPTED, "up to date"));
                    continue;
                }
                if (current != null) {
                    have.add(old);
                }
                var command = new ReceiveCommand(old, wanted, spec.getDestination());
                commands.add(command);
                if (spec.isForceUpdate()) {
                    forced.add(command);
                }
            }
            if (commands.isEmpty()) {
                return results;
            }
            sendObjects(target, commands, have);
            for (ReceiveCommand command : commands) {
                if (command.getType() == ReceiveCommand.Type.UPDATE && !forced.contains(command)) {
                    command.updateType(walk);
                    if (command.getType() == ReceiveCommand.Type.UPDATE_NONFASTFORWARD) {
                        // Atomic, as git push --atomic: one refused update leaves every ref as it was.
                        return List.of(
                                new Update(command.getRefName(), ReceiveCommand.Result.REJECTED_NONFASTFORWARD, null));
                    }
                }
            }
            target.getRefDatabase()
                    .newBatchUpdate()
                    .setAtomic(true)
                    .setAllowNonFastForwards(true)
                    .setRefLogMessage("push from Ferry", false)
                    .addCommand(commands)
                    .execute(walk, NullProgressMonitor.INSTANCE);
            commands.forEach(command ->
                    results.add(new Update(command.getRefName(), command.getResult(), command.getMessage())));
            return results;
        }
    }

    /** Writes the objects the new ref values need and the target lacks as a pack file, and has the target read it. */
    private void sendObjects(Repository target, List<ReceiveCommand> commands, Set<ObjectId> have) throws IOException {
        var want = new HashSet<ObjectId>();
        for (ReceiveCommand command : commands) {
            if (!command.getNewId().equals(command.getOldId())) {
                want.add(command.getNewId());
            }
        }
        if (want.isEmpty()) {
            return;
        }
        Path pack = Files.createTempFile(gitDirOf(target).resolve("objects"), "ferry-push-", ".pack");
        try {
            try (var reader = work.newObjectReader();
                    var writer = new PackWriter(new PackConfig(work), reader);
                    OutputStream out = new BufferedOutputStream(Files.newOutputStream(pack), 1 << 16)) {
                writer.setIgnoreMissingUninteresting(true);
                writer.preparePack(NullProgressMonitor.INSTANCE, want, have);
                writer.writePack(NullProgressMonitor.INSTANCE, NullProgressMonitor.INSTANCE, out);
            }
            try (ObjectInserter inserter = target.newObjectInserter();
                    InputStream in = new BufferedInputStream(Files.newInputStream(pack), 1 << 16)) {
                var parser = inserter.newPackParser(in);
                parser.setAllowThin(false);
                parser.parse(NullProgressMonitor.INSTANCE);
                inserter.flush();
            }
        } finally {
            Files.deleteIfExists(pack);
        }
    }

    private static Path gitDirOf(Repository repository) {
        return repository.getDirectory().toPath();
    }
}
