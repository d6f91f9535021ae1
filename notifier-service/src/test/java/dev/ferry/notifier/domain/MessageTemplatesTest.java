package dev.ferry.notifier.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageTemplatesTest {

    @Test
    void rejectsAPlaceholderItsKindDoesNotOffer() {
        assertThatThrownBy(() -> MessageTemplates.defaults()
                        .withOverrides(Map.of(ReplyKind.PHASE_STARTED, "{phase} by {author}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("template for phase-started uses unknown placeholder {author}")
                .hasMessageContaining("phase");
    }

    @Test
    void rejectsAnEmptyTemplate() {
        assertThatThrownBy(() -> MessageTemplates.defaults().withOverrides(Map.of(ReplyKind.ROLLED_BACK, " ")))
                .hasMessageContaining("template for rolled-back is empty");
    }

    @Test
    void everyDefaultTemplateUsesOnlyItsOwnPlaceholders() {
        var all = new java.util.EnumMap<ReplyKind, String>(ReplyKind.class);
        for (ReplyKind kind : ReplyKind.values()) {
            all.put(kind, kind.defaultTemplate());
        }

        assertThat(MessageTemplates.defaults().withOverrides(all)).isNotNull();
    }

    @Test
    void valuesAreInsertedLiterallyEvenWithDollarSigns() {
        var templates = MessageTemplates.defaults().withOverrides(Map.of(ReplyKind.COMMAND_REJECTED, "{reason}!"));

        assertThat(templates.render(ReplyKind.COMMAND_REJECTED, Map.of("reason", "costs $1 \\o/")))
                .isEqualTo("costs $1 \\o/!");
    }
}
