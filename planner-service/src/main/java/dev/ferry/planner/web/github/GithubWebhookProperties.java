package dev.ferry.planner.web.github;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the GitHub webhook receiver ({@code ferry.planner.github.*}). The secret is also read from
 * {@code FERRY_GITHUB_WEBHOOK_SECRET} when the property is not set; without either, every delivery is refused.
 *
 * @param webhookSecret the secret set on the GitHub webhook; never shown by {@code toString}
 * @param maxBodyBytes the largest body accepted (GitHub caps payloads at 25 MB); a plain number is bytes, "25MB" works
 */
@ConfigurationProperties("ferry.planner.github")
record GithubWebhookProperties(String webhookSecret, DataSize maxBodyBytes) {

    static final DataSize DEFAULT_MAX_BODY = DataSize.ofMegabytes(25);
    // The body is held in one array while its signature is checked and it is parsed.
    private static final long LARGEST_ARRAY = Integer.MAX_VALUE - 8;

    GithubWebhookProperties {
        webhookSecret = webhookSecret == null || webhookSecret.isBlank() ? null : webhookSecret;
        maxBodyBytes = maxBodyBytes == null ? DEFAULT_MAX_BODY : maxBodyBytes;
        if (maxBodyBytes.toBytes() < 1 || maxBodyBytes.toBytes() > LARGEST_ARRAY) {
            throw new IllegalArgumentException("ferry.planner.github.max-body-bytes must be between 1 and "
                    + LARGEST_ARRAY + " bytes, got " + maxBodyBytes.toBytes());
        }
    }

    @Override
    public String toString() {
        return "GithubWebhookProperties[webhookSecret=" + (webhookSecret == null ? "none" : "****") + ", maxBodyBytes="
                + maxBodyBytes.toBytes() + "]";
    }
}
