package dev.ferry.deploy.domain.compose;

/**
 * One secret a container gets, by reference only.
 *
 * @param name the environment variable, or the compose secret's name
 * @param secretName the Kubernetes Secret that holds it in the cluster
 * @param key the key inside that Secret
 * @param remoteKey where an ExternalSecret fetches it from ({@code key} or {@code key#property}); the Secret's name for
 *     a SealedSecret
 * @param mountPath the file it is mounted as, for a compose secret; empty for an environment variable
 */
public record SecretReference(String name, String secretName, String key, String remoteKey, String mountPath) {

    public boolean isFile() {
        return !mountPath.isEmpty();
    }

    /** The remote key without the property: {@code prod/db} of {@code prod/db#password}. */
    public String remoteKeyName() {
        int hash = remoteKey.indexOf('#');
        return hash < 0 ? remoteKey : remoteKey.substring(0, hash);
    }

    /** The property of {@code prod/db#password}, or empty. */
    public String remoteProperty() {
        int hash = remoteKey.indexOf('#');
        return hash < 0 ? "" : remoteKey.substring(hash + 1);
    }
}
