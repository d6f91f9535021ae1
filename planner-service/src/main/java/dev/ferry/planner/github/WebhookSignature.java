package dev.ferry.planner.github;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub's webhook signature: {@code sha256=} and the hex HMAC-SHA256 of the raw body, keyed with the UTF-8 bytes of the
 * webhook secret. Comparison is constant-time so that timing does not reveal how much of a forged signature is right.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Hub-Signature-256";

    private static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int DIGEST_HEX_LENGTH = 64;
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;

    private WebhookSignature(SecretKeySpec key) {
        this.key = key;
    }

    public static WebhookSignature withSecret(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret must not be empty");
        }
        return new WebhookSignature(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
    }

    /**
     * What is wrong with the header's form, found without the body: lets a caller refuse before reading it. Empty
     * when the header is well-formed.
     */
    public static Optional<SignatureVerdict> formatProblem(String header) {
        if (header == null || header.isBlank()) {
            return Optional.of(SignatureVerdict.MISSING);
        }
        boolean wellFormed = header.length() == PREFIX.length() + DIGEST_HEX_LENGTH
                && header.startsWith(PREFIX)
                && header.chars().skip(PREFIX.length()).allMatch(HexFormat::isHexDigit);
        return wellFormed ? Optional.empty() : Optional.of(SignatureVerdict.MALFORMED);
    }

    public SignatureVerdict verify(String header, byte[] body) {
        Optional<SignatureVerdict> problem = formatProblem(header);
        if (problem.isPresent()) {
            return problem.get();
        }
        byte[] claimed = HEX.parseHex(header, PREFIX.length(), header.length());
        return MessageDigest.isEqual(digest(body), claimed) ? SignatureVerdict.VALID : SignatureVerdict.MISMATCH;
    }

    /** The header value GitHub would send for this body. */
    public String sign(byte[] body) {
        return PREFIX + HEX.formatHex(digest(body));
    }

    private byte[] digest(byte[] body) {
        try {
            // A Mac is not thread-safe; a new one per delivery costs far less than the body's own parsing.
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSignature[" + ALGORITHM + "]";
    }
}
