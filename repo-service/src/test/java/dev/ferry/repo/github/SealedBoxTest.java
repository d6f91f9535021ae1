package dev.ferry.repo.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;

/**
 * Ferry's sealed box against libsodium itself ({@link Libsodium}): a box Ferry seals opens with
 * {@code SealedBox(private).decrypt}, and a box libsodium seals opens in Ferry.
 */
class SealedBoxTest {

    @Test
    void boxesFerrySealsOpenWithLibsodium() {
        Libsodium.KeyPair keys = Libsodium.generate();
        byte[] publicKey = Base64.getDecoder().decode(keys.publicKey());
        for (String secret : List.of("arn:aws:iam::123456789012:role/ci", "x", "ü".repeat(300))) {
            byte[] sealed = new SealedBox(new SecureRandom()).seal(secret.getBytes(StandardCharsets.UTF_8), publicKey);

            assertThat(Libsodium.open(Base64.getEncoder().encodeToString(sealed), keys))
                    .isEqualTo(secret);
        }
    }

    @Test
    void opensBoxesLibsodiumSeals() {
        Libsodium.KeyPair keys = Libsodium.generate();
        String sealed = Libsodium.seal("gitops-token-value", keys);

        byte[] opened = SealedBox.open(
                Base64.getDecoder().decode(sealed), Base64.getDecoder().decode(keys.privateKey()));

        assertThat(new String(opened, StandardCharsets.UTF_8)).isEqualTo("gitops-token-value");
    }

    @Test
    void refusesABoxThatWasTamperedWith() {
        var key = new X25519PrivateKeyParameters(new SecureRandom());
        byte[] sealed = new SealedBox(new SecureRandom())
                .seal(
                        "value".getBytes(StandardCharsets.UTF_8),
                        key.generatePublicKey().getEncoded());
        sealed[sealed.length - 1] ^= 1;

        assertThatThrownBy(() -> SealedBox.open(sealed, key.getEncoded()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not open");
    }
}
