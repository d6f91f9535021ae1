package dev.ferry.planner.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureTest {

    // The example in GitHub's "Validating webhook deliveries" documentation.
    private static final String DOCUMENTED_SECRET = "It's a Secret to Everybody";
    private static final byte[] DOCUMENTED_BODY = bytes("Hello, World!");
    private static final String DOCUMENTED_SIGNATURE =
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    private final WebhookSignature signature = WebhookSignature.withSecret(DOCUMENTED_SECRET);

    @Test
    void acceptsGithubsDocumentedExample() {
        assertThat(signature.verify(DOCUMENTED_SIGNATURE, DOCUMENTED_BODY)).isEqualTo(SignatureVerdict.VALID);
        assertThat(signature.sign(DOCUMENTED_BODY)).isEqualTo(DOCUMENTED_SIGNATURE);
    }

    @Test
    void acceptsTheDigestInUpperCaseHex() {
        String upper = "sha256=" + DOCUMENTED_SIGNATURE.substring(7).toUpperCase(Locale.ROOT);

        assertThat(signature.verify(upper, DOCUMENTED_BODY)).isEqualTo(SignatureVerdict.VALID);
    }

    @Test
    void refusesABodyChangedAfterSigning() {
        assertThat(signature.verify(DOCUMENTED_SIGNATURE, bytes("Hello, World?")))
                .isEqualTo(SignatureVerdict.MISMATCH);
    }

    @Test
    void refusesASignatureMadeWithAnotherSecret() {
        String forged = WebhookSignature.withSecret("guessed").sign(DOCUMENTED_BODY);

        assertThat(signature.verify(forged, DOCUMENTED_BODY)).isEqualTo(SignatureVerdict.MISMATCH);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void reportsAMissingHeader(String header) {
        assertThat(signature.verify(header, DOCUMENTED_BODY)).isEqualTo(SignatureVerdict.MISSING);
        assertThat(SignatureVerdict.MISSING.problem()).contains("missing header X-Hub-Signature-256");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
                "SHA256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
                "sha1=757107ea0eb2509fc211221cce984b8a37570b6d",
                "sha256:757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
            })
    void refusesAHeaderWithoutTheSha256Prefix(String header) {
        assertThat(signature.verify(header, DOCUMENTED_BODY)).isEqualTo(SignatureVerdict.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "sha256=",
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1",
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e170",
                "sha256=757107ea0eb2509fc211221cce984b8a"
            })
    void refusesADigestOfTheWrongLength(String header) {
        assertThat(signature.verify(header, DOCUMENTED_BODY)).isEqualTo(SignatureVerdict.MALFORMED);
    }

    @Test
    void refusesADigestWithNonHexDigits() {
        String header = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043ezz";

        assertThat(signature.verify(header, DOCUMENTED_BODY)).isEqualTo(SignatureVerdict.MALFORMED);
        assertThat(SignatureVerdict.MALFORMED.problem()).contains("'sha256=' followed by 64 hex digits");
    }

    @Test
    void findsAMalformedHeaderWithoutTheBody() {
        assertThat(WebhookSignature.formatProblem(null)).contains(SignatureVerdict.MISSING);
        assertThat(WebhookSignature.formatProblem("sha256=abc")).contains(SignatureVerdict.MALFORMED);
        assertThat(WebhookSignature.formatProblem(DOCUMENTED_SIGNATURE)).isEmpty();
    }

    @Test
    void keysTheHmacWithTheUtf8BytesOfAUnicodeSecret() {
        // Expected value from an independent tool: printf 'Hello, World!' | openssl dgst -sha256 -hmac 'sécret-🔑-秘密'
        var unicode = WebhookSignature.withSecret("sécret-🔑-秘密");
        String opensslDigest = "sha256=34a9417cf866c6be7e51880e1d2e1cf3ce48940aa7109207369598fd4a923aaa";

        assertThat(unicode.verify(opensslDigest, DOCUMENTED_BODY)).isEqualTo(SignatureVerdict.VALID);
        assertThat(signature.verify(opensslDigest, DOCUMENTED_BODY)).isEqualTo(SignatureVerdict.MISMATCH);
    }

    @Test
    void refusesAnEmptySecret() {
        assertThatThrownBy(() -> WebhookSignature.withSecret("")).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> WebhookSignature.withSecret(null)).hasMessageContaining("must not be empty");
    }

    @Test
    void neverShowsTheSecret() {
        assertThat(signature.toString()).doesNotContain(DOCUMENTED_SECRET).contains("HmacSHA256");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
