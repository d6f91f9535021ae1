package dev.ferry.build.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.build.testing.InMemoryRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagPromotionsTest {

    private static final String OLD = "sha256:" + "0".repeat(64);
    private static final String VERIFIED = "sha256:" + "1".repeat(64);

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final TagPromotions promotions =
            new TagPromotions(new Registries(List.of(registry)), new Retry(3, Duration.ZERO, pause -> {}));

    @Test
    void movesTheTagAndConfirmsItWithTheRegistry() {
        registry.tags.put("user-service-dev", OLD);

        TagPromotions.Moved moved = promotions.promote(promotion());

        assertThat(registry.tags).containsEntry("user-service-dev", VERIFIED);
        assertThat(registry.confirmed).containsExactly("user-service-dev=" + VERIFIED);
        assertThat(moved.previousDigest()).contains(OLD);
        assertThat(moved.reference()).isEqualTo("registry.example.com/shop:user-service-dev");
    }

    @Test
    void writesNothingWhenTheTagAlreadyNamesTheDigest() {
        registry.tags.put("user-service-dev", VERIFIED);

        TagPromotions.Moved moved = promotions.promote(promotion());

        assertThat(moved.alreadyThere()).isTrue();
        assertThat(registry.confirmed).isEmpty();
    }

    @Test
    void triesAgainWhenTheRegistryIsBrieflyUnreachable() {
        registry.unreachableTimes = 2;

        promotions.promote(promotion());

        assertThat(registry.tags).containsEntry("user-service-dev", VERIFIED);
    }

    private static TagPromotion promotion() {
        var image = new ImageSettings(
                "registry.example.com", "shop", "{service}-{sha}", List.of(), null, null, false, null, Map.of());
        return new TagPromotion("user-service", image, "user-service-dev", VERIFIED);
    }
}
