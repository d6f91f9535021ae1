package dev.ferry.repo.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageHashRewriterTest {

    private static final String OLD_A = "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String OLD_B = "1111111bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private static final String NEW_A = "9999999999999999999999999999999999999999";
    private static final String NEW_B = "8888888888888888888888888888888888888888";

    private final MessageHashRewriter.WrittenCommits written = new MessageHashRewriter.WrittenCommits() {
        final Map<String, String> renames = Map.of(OLD_A, NEW_A, OLD_B, NEW_B);

        @Override
        public Optional<String> newIdOf(String sourceId) {
            return Optional.ofNullable(renames.get(sourceId));
        }

        @Override
        public List<String> writtenWithPrefix(String sevenDigits) {
            return renames.keySet().stream()
                    .filter(id -> id.startsWith(sevenDigits))
                    .toList();
        }
    };

    @Test
    void rewritesFullIdsAndUniqueAbbreviationsKeepingTheirLength() {
        assertThat(rewrite("This reverts commit " + OLD_A + ".\n")).isEqualTo("This reverts commit " + NEW_A + ".\n");
        assertThat(rewrite("see 1111111aaaa")).isEqualTo("see 99999999999");
    }

    @Test
    void leavesAmbiguousUnknownAndEmbeddedRunsAlone() {
        assertThat(rewrite("ambiguous 1111111 here")).isEqualTo("ambiguous 1111111 here");
        assertThat(rewrite("unknown deadbeef1")).isEqualTo("unknown deadbeef1");
        assertThat(rewrite("id_1111111aaaa and x1111111aaaa")).isEqualTo("id_1111111aaaa and x1111111aaaa");
        assertThat(rewrite("upper 1111111AAAA")).isEqualTo("upper 1111111AAAA");
    }

    @Test
    void keepsEveryOtherByteAsItWas() {
        byte[] latin1 = ("caf\u00e9 " + OLD_B).getBytes(StandardCharsets.ISO_8859_1);

        assertThat(MessageHashRewriter.rewrite(latin1, written))
                .isEqualTo(("caf\u00e9 " + NEW_B).getBytes(StandardCharsets.ISO_8859_1));
    }

    private String rewrite(String message) {
        return new String(
                MessageHashRewriter.rewrite(message.getBytes(StandardCharsets.ISO_8859_1), written),
                StandardCharsets.ISO_8859_1);
    }
}
