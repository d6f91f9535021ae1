package dev.ferry.repo.jgit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Carries the source's tags over to a split history: a tag whose commit the service kept is recreated on the split
 * commit. A lightweight tag stays lightweight; an annotated tag keeps its tagger and message and loses its signature
 * (which signed the old commit id), as filter-repo's default {@code --signed-tags=strip} does. A tag may be renamed; an
 * annotated tag object then carries the new name too, as {@code git filter-repo --tag-rename} writes it. Tags on commits
 * that did not touch the service are left out: they would name a state of the service that never had a commit.
 */
final class TagRewriter {

    private static final byte[][] SIGNATURE_STARTS = {
        "-----BEGIN PGP SIGNATURE-----".getBytes(StandardCharsets.US_ASCII),
        "-----BEGIN SSH SIGNATURE-----".getBytes(StandardCharsets.US_ASCII)
    };

    private static final byte[] TAG_LINE = "tag ".getBytes(StandardCharsets.US_ASCII);

    private TagRewriter() {}

    static Map<String, ObjectId> rewrite(
            Repository source,
            RevWalk walk,
            ObjectInserter inserter,
            Function<ObjectId, Optional<ObjectId>> splitCommitOf,
            UnaryOperator<String> rename)
            throws IOException {
        var tags = new TreeMap<String, ObjectId>();
        for (Ref ref : source.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
            String name = ref.getName().substring(Constants.R_TAGS.length());
            String newName = rename.apply(name);
            RevObject object = walk.parseAny(ref.getObjectId());
            RevObject target = walk.peel(object);
            if (target.getType() != Constants.OBJ_COMMIT) {
                continue;
            }
            Optional<ObjectId> split = splitCommitOf.apply(target);
            if (split.isEmpty()) {
                continue;
            }
            if (object instanceof RevTag tag && tag.getObject().getType() == Constants.OBJ_COMMIT) {
                walk.parseBody(tag);
                byte[] retargeted = retarget(tag.getRawBuffer(), split.get());
                byte[] named = newName.equals(name) ? retargeted : renamed(retargeted, newName);
                tags.put(newName, inserter.insert(Constants.OBJ_TAG, named));
            } else {
                tags.put(newName, split.get());
            }
        }
        return tags;
    }

    /** The tag object's bytes with its {@code object} line naming the split commit and its signature removed. */
    static byte[] retarget(byte[] raw, ObjectId commit) {
        int lineEnd = indexOf(raw, (byte) '\n', 0);
        byte[] header = ("object " + commit.name()).getBytes(StandardCharsets.US_ASCII);
        int end = signatureStart(raw);
        byte[] out = new byte[header.length + (end - lineEnd)];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(raw, lineEnd, out, header.length, end - lineEnd);
        return out;
    }

    /**
     * The tag object's bytes with its {@code tag} header line naming {@code name}; a tag object without one (git never
     * writes such, but an old tool might have) is left as it is.
     */
    static byte[] renamed(byte[] raw, String name) {
        int headerEnd = headerEnd(raw);
        for (int line = 0; line < headerEnd; line = indexOf(raw, (byte) '\n', line) + 1) {
            if (startsWith(raw, line, TAG_LINE)) {
                int lineEnd = indexOf(raw, (byte) '\n', line);
                byte[] replacement = ("tag " + name).getBytes(StandardCharsets.UTF_8);
                byte[] out = new byte[raw.length - (lineEnd - line) + replacement.length];
                System.arraycopy(raw, 0, out, 0, line);
                System.arraycopy(replacement, 0, out, line, replacement.length);
                System.arraycopy(raw, lineEnd, out, line + replacement.length, raw.length - lineEnd);
                return out;
            }
        }
        return raw;
    }

    /** Where the header ends: the empty line before the message, or the end of an object without a message. */
    private static int headerEnd(byte[] raw) {
        for (int i = 0; i + 1 < raw.length; i++) {
            if (raw[i] == '\n' && raw[i + 1] == '\n') {
                return i + 1;
            }
        }
        return raw.length;
    }

    private static boolean startsWith(byte[] raw, int at, byte[] prefix) {
        return at + prefix.length <= raw.length && Arrays.equals(raw, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private static int signatureStart(byte[] raw) {
        for (byte[] start : SIGNATURE_STARTS) {
            for (int i = 0; i + start.length <= raw.length; i++) {
                if ((i == 0 || raw[i - 1] == '\n') && Arrays.equals(raw, i, i + start.length, start, 0, start.length)) {
                    return i;
                }
            }
        }
        return raw.length;
    }

    private static int indexOf(byte[] raw, byte b, int from) {
        for (int i = from; i < raw.length; i++) {
            if (raw[i] == b) {
                return i;
            }
        }
        return raw.length;
    }
}
