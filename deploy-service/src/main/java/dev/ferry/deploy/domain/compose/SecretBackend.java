package dev.ferry.deploy.domain.compose;

/**
 * How a secret reaches the cluster without its value ever being in git: an External Secrets Operator
 * {@code ExternalSecret} that fetches it from a secret store, or a Secret a person sealed with {@code kubeseal} (the
 * {@code SealedSecret} controller unseals it in the cluster under the same name).
 */
public enum SecretBackend {
    EXTERNAL_SECRET,
    SEALED_SECRET;

    public static SecretBackend named(String text) {
        return text == null || text.isBlank() || text.equals("external-secret") ? EXTERNAL_SECRET : SEALED_SECRET;
    }
}
