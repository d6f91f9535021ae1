package dev.ferry.repo.domain;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Rewrites commit ids mentioned in a commit message ("This reverts commit 1a2b3c4") to the ids those commits got in the
 * split history, as git filter-repo does: every run of 7 to 40 lower-case hex digits standing alone as a word that
 * names a commit already written, by full id or by an abbreviation unique among the written commits sharing its
 * first 7 digits, becomes the new id cut to the same length. Anything else stays byte for byte.
 */
public final class MessageHashRewriter {

    /** What the rewriter needs to know about commits written so far. */
    public interface WrittenCommits {

        /** New id of the source commit with this full id, if it was written (kept) already. */
        Optional<String> newIdOf(String sourceId);

        /** Full source ids of the commits written so far whose id starts with these 7 digits. */
        List<String> writtenWithPrefix(String sevenDigits);
    }

    private MessageHashRewriter() {}

    /** Quick check, once per commit, before looking anything up for each service. */
    public static boolean mayMentionCommits(byte[] message) {
        int run = 0;
        for (byte b : message) {
            run = isLowerHex(b) ? run + 1 : 0;
            if (run == 7) {
                return true;
            }
        }
        return false;
    }

    public static byte[] rewrite(byte[] message, WrittenCommits written) {
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < message.length) {
            if (!isLowerHex(message[i])) {
                i++;
                continue;
            }
            int start = i;
            while (i < message.length && isLowerHex(message[i])) {
                i++;
            }
            int length = i - start;
            boolean standsAlone =
                    (start == 0 || !isWordByte(message[start - 1])) && (i == message.length || !isWordByte(message[i]));
            if (length < 7 || length > 40 || !standsAlone) {
                continue;
            }
            String mentioned = new String(message, start, length, StandardCharsets.US_ASCII);
            Optional<String> replacement = translate(mentioned, written);
            if (replacement.isPresent()) {
                if (out == null) {
                    out = new StringBuilder(message.length);
                }
                out.append(new String(message, copied, start - copied, StandardCharsets.ISO_8859_1));
                out.append(replacement.get());
                copied = i;
            }
        }
        if (out == null) {
            return message;
        }
        out.append(new String(message, copied, message.length - copied, StandardCharsets.ISO_8859_1));
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Optional<String> translate(String mentioned, WrittenCommits written) {
        Optional<String> direct = mentioned.length() == 40 ? written.newIdOf(mentioned) : Optional.empty();
        if (direct.isPresent()) {
            return direct.map(id -> id.substring(0, mentioned.length()));
        }
        List<String> matches = written.writtenWithPrefix(mentioned.substring(0, 7)).stream()
                .filter(candidate -> candidate.startsWith(mentioned))
                .toList();
        if (matches.size() != 1) {
            return Optional.empty();
        }
        return written.newIdOf(matches.getFirst()).map(id -> id.substring(0, mentioned.length()));
    }

    private static boolean isLowerHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f');
    }

    /** Python's \b for bytes patterns: ASCII letters, digits and underscore are word characters. */
    private static boolean isWordByte(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_';
    }
}
