package dev.ferry.repo.domain;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.List;

/**
 * A commit object's bytes, read as git stores them and rewritten the way git fast-export and fast-import round-trip
 * them under filter-repo: identity lines copied byte for byte, extra headers (gpgsig, mergetag ...) dropped, the message
 * re-encoded to UTF-8 when its declared encoding allows it, the message's bytes otherwise untouched.
 */
public record RawCommit(byte[] author, byte[] committer, byte[] encoding, byte[] message) {

    private static final byte[] AUTHOR = "author ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMMITTER = "committer ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENCODING = "encoding ".getBytes(StandardCharsets.US_ASCII);

    /** Parses a commit object's content (without git's "commit N\0" object header). */
    public static RawCommit parse(byte[] raw) {
        byte[] author = null;
        byte[] committer = null;
        byte[] encoding = null;
        int pos = 0;
        while (pos < raw.length && raw[pos] != '\n') {
            int end = indexOf(raw, (byte) '\n', pos);
            if (startsWith(raw, pos, AUTHOR)) {
                author = Arrays.copyOfRange(raw, pos + AUTHOR.length, end);
            } else if (startsWith(raw, pos, COMMITTER)) {
                committer = Arrays.copyOfRange(raw, pos + COMMITTER.length, end);
            } else if (startsWith(raw, pos, ENCODING)) {
                encoding = Arrays.copyOfRange(raw, pos + ENCODING.length, end);
            }
            pos = end + 1; // continuation lines of multi-line headers (gpgsig) start with a space and are skipped too
        }
        if (committer == null) {
            throw new IllegalArgumentException("corrupt commit object: it has no committer line");
        }
        byte[] message = pos < raw.length ? Arrays.copyOfRange(raw, pos + 1, raw.length) : new byte[0];
        return new RawCommit(author == null ? committer : author, committer, encoding, message);
    }

    /**
     * The bytes of the rewritten commit.
     *
     * @param tree hex id of the new tree
     * @param parents hex ids of the new parents, in order
     * @param newMessage the message after any hash rewriting (bytes as stored)
     */
    public byte[] rewrite(String tree, List<String> parents, byte[] newMessage) {
        var out = new ByteArrayOutputStream(newMessage.length + 256);
        ascii(out, "tree " + tree + "\n");
        parents.forEach(parent -> ascii(out, "parent " + parent + "\n"));
        out.writeBytes(AUTHOR);
        out.writeBytes(author);
        out.write('\n');
        out.writeBytes(COMMITTER);
        out.writeBytes(committer);
        out.write('\n');
        byte[] body = newMessage;
        if (encoding != null) {
            byte[] utf8 = toUtf8(newMessage, new String(encoding, StandardCharsets.US_ASCII));
            if (utf8 == null) {
                out.writeBytes(ENCODING);
                out.writeBytes(encoding);
                out.write('\n');
            } else {
                body = utf8;
            }
        }
        out.write('\n');
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The message in UTF-8, or null when it is not valid in its declared encoding (then git keeps both as they are). */
    private static byte[] toUtf8(byte[] message, String encodingName) {
        try {
            var decoder = Charset.forName(encodingName.trim())
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer encoded = StandardCharsets.UTF_8.encode(decoder.decode(ByteBuffer.wrap(message)));
            byte[] utf8 = new byte[encoded.remaining()];
            encoded.get(utf8);
            return utf8;
        } catch (CharacterCodingException | IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean startsWith(byte[] raw, int pos, byte[] prefix) {
        return raw.length - pos >= prefix.length
                && Arrays.equals(raw, pos, pos + prefix.length, prefix, 0, prefix.length);
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
