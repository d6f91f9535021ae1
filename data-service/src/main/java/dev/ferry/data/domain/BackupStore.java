package dev.ferry.data.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a {@code backup-database} phase keeps its dump when not under data-service's data directory: an S3-compatible
 * bucket and a key prefix ({@code storage: s3://bucket/prefix}), the endpoint of a server other than AWS's, and the
 * name of the credential data-service holds for it (its username the access key id, its password the secret key).
 * Nothing here is a secret, so it may travel in a plan and an event.
 */
public record BackupStore(String bucket, String prefix, Optional<URI> endpoint, String credentialRef) {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /** Reads the plan's settings; empty when {@code storage} is blank (the data directory keeps the dump). */
    public static Optional<BackupStore> of(String storage, String endpoint, String credentialRef) {
        if (storage == null || storage.isBlank()) {
            return Optional.empty();
        }
        URI uri = uri(storage, "storage");
        if (!"s3".equals(uri.getScheme())
                || uri.getHost() == null
                || !BUCKET.matcher(uri.getHost()).matches()) {
            throw DataStepFailure.invalid("storage " + storage + " is not s3://bucket/prefix (a bucket name of"
                    + " lower-case letters, digits, dots and dashes)");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
            throw DataStepFailure.invalid("storage s3://" + uri.getHost() + " carries a user or query; name the"
                    + " credential with storageCredentialRef instead");
        }
        if (credentialRef == null || credentialRef.isBlank()) {
            throw DataStepFailure.invalid("storage s3://" + uri.getHost() + " needs storageCredentialRef: the name"
                    + " of the credential data-service holds for the bucket (ferry.data.credentials.<name>)");
        }
        String prefix = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        return Optional.of(new BackupStore(uri.getHost(), prefix, endpoint(endpoint), credentialRef));
    }

    /** The object a step's dump is kept in: {@code prefix/ferry_<hash>/dump}. */
    public String objectKey(StepKey step, String file) {
        return (prefix.isEmpty() ? "" : prefix + "/") + step.folder() + "/" + file;
    }

    public String location(String objectKey) {
        return "s3://" + bucket + "/" + objectKey;
    }

    private static Optional<URI> endpoint(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            return Optional.empty();
        }
        URI uri = uri(endpoint, "storageEndpoint");
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null) {
            throw DataStepFailure.invalid("storageEndpoint " + uri.getHost() + " is not an http(s)://host:port"
                    + " address without user or query");
        }
        return Optional.of(uri);
    }

    private static URI uri(String text, String field) {
        try {
            return new URI(text.strip());
        } catch (URISyntaxException e) {
            throw DataStepFailure.invalid(field + " is not a valid address: " + e.getReason());
        }
    }
}
