package dev.ferry.data.s3;

import dev.ferry.data.domain.BackupStore;
import dev.ferry.data.domain.Credentials;
import dev.ferry.data.domain.DataStepFailure;
import dev.ferry.data.dump.Offsite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Dumps in an S3-compatible bucket through the AWS SDK's S3 client: path-style addresses, a signed payload sent
 * whole and checksums only where the API requires them, so servers other than AWS's (MinIO, s3rver, Ceph) take the
 * requests; the bucket's region is
 * found by the client. The key pair comes from the credential data-service holds under the plan's reference and
 * reaches nothing but the client.
 */
public final class S3Offsite implements Offsite {

    private final Credentials credentials;

    public S3Offsite(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public void put(BackupStore store, String objectKey, Path file) {
        call(
                store,
                objectKey,
                "store the dump as",
                s3 -> s3.putObject(
                        request -> request.bucket(store.bucket()).key(objectKey), RequestBody.fromFile(file)));
    }

    @Override
    public void get(BackupStore store, String objectKey, Path file) {
        call(store, objectKey, "read the dump", s3 -> {
            try {
                Files.deleteIfExists(file);
            } catch (java.io.IOException e) {
                throw new DataStepFailure(
                        DataStepFailure.Kind.INTERNAL, true, "cannot replace " + file + ": " + e.getMessage());
            }
            return s3.getObject(
                    request -> request.bucket(store.bucket()).key(objectKey), ResponseTransformer.toFile(file));
        });
    }

    private void call(BackupStore store, String objectKey, String what, Function<S3Client, ?> request) {
        String location = store.location(objectKey);
        try (S3Client s3 = client(store)) {
            request.apply(s3);
        } catch (NoSuchKeyException e) {
            throw new DataStepFailure(
                    DataStepFailure.Kind.NOT_FOUND, false, "cannot " + what + " " + location + ": it is not there");
        } catch (S3Exception e) {
            // 403 and 404 (a wrong key pair, a missing bucket) need a person; 5xx and throttling pass.
            boolean retryable = e.statusCode() >= 500 || e.statusCode() == 429;
            throw new DataStepFailure(
                    retryable
                            ? DataStepFailure.Kind.UNREACHABLE
                            : e.statusCode() == 403
                                    ? DataStepFailure.Kind.AUTHENTICATION
                                    : DataStepFailure.Kind.NOT_FOUND,
                    retryable,
                    "cannot " + what + " " + location + ": "
                            + e.awsErrorDetails().errorMessage() + " (HTTP " + e.statusCode()
                            + "); check the bucket and credential " + store.credentialRef());
        } catch (SdkClientException e) {
            throw new DataStepFailure(
                    DataStepFailure.Kind.UNREACHABLE,
                    true,
                    "cannot " + what + " " + location + ": " + e.getMessage()
                            + store.endpoint()
                                    .map(endpoint -> " (endpoint " + endpoint + ")")
                                    .orElse(""));
        } catch (SdkException e) {
            throw new DataStepFailure(
                    DataStepFailure.Kind.INTERNAL, true, "cannot " + what + " " + location + ": " + e.getMessage());
        }
    }

    private S3Client client(BackupStore store) {
        Credentials.Login login = credentials
                .login(store.credentialRef())
                .orElseThrow(() -> DataStepFailure.invalid("credential " + store.credentialRef() + " for bucket "
                        + store.bucket() + " is not configured in data-service; set ferry.data.credentials."
                        + store.credentialRef() + ".username (access key id) and .password (secret key)"));
        var builder = S3Client.builder()
                .httpClient(ApacheHttpClient.create())
                .region(Region.US_EAST_1)
                .crossRegionAccessEnabled(true)
                // Path-style addresses and a signed whole payload (not aws-chunked, which some servers store as is).
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(true)
                        .chunkedEncodingEnabled(false)
                        .build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(login.user(), login.password())));
        store.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
