package dev.ferry.build.ecr;

import dev.ferry.build.domain.BuildFailure;
import dev.ferry.build.domain.FailureKind;
import dev.ferry.build.domain.ImageRegistry;
import dev.ferry.build.domain.ImageSettings;
import dev.ferry.build.domain.ImageTarget;
import dev.ferry.build.domain.RegistryCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * Amazon ECR through aws-sdk-java-v2: push credentials from GetAuthorizationToken, the repository created when missing
 * if the plan allows it, and DescribeImages to read what a tag points at. Image bytes still travel through the
 * registry API (Jib); only the control calls go to ECR's API.
 */
public final class EcrRegistry implements ImageRegistry {

    /** Every manifest kind BatchGetImage may answer with, so ECR never converts one (which would change its digest). */
    private static final List<String> MANIFEST_TYPES = List.of(
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");

    private final Function<String, EcrClient> clientForHost;
    private final Set<String> extraHosts;

    /**
     * @param clientForHost the ECR API client for a registry host (its region)
     * @param extraHosts hosts to treat as ECR although they do not look like it (private endpoints, tests)
     */
    public EcrRegistry(Function<String, EcrClient> clientForHost, Set<String> extraHosts) {
        this.clientForHost = clientForHost;
        this.extraHosts = Set.copyOf(extraHosts);
    }

    @Override
    public boolean serves(String host) {
        return extraHosts.contains(host) || EcrHosts.parse(host).isPresent();
    }

    @Override
    public ImageTarget.Registry prepare(ImageSettings settings) {
        String host = settings.registry();
        ensureRepository(host, settings.repository(), settings.createRepository());
        return new ImageTarget.Registry(host, settings.repository(), token(host));
    }

    @Override
    public Optional<String> digestOf(ImageTarget.Registry target, String tag) {
        try {
            var images = client(target.registry())
                    .describeImages(request -> request.registryId(account(target.registry()))
                            .repositoryName(target.repository())
                            .imageIds(ImageIdentifier.builder().imageTag(tag).build()))
                    .imageDetails();
            return images.stream().findFirst().map(image -> image.imageDigest());
        } catch (ImageNotFoundException missing) {
            return Optional.empty();
        } catch (SdkException e) {
            throw EcrFailures.translate(e, "DescribeImages " + target.repository() + ":" + tag);
        }
    }

    @Override
    public void confirm(ImageTarget.Registry target, String tag, String digest) {
        Optional<String> found = digestOf(target, tag);
        if (!found.equals(Optional.of(digest))) {
            throw BuildFailure.retryable(
                    FailureKind.INTERNAL,
                    "pushed " + target.name() + "@" + digest + " but ECR's DescribeImages says " + tag + " is "
                            + found.orElse("missing") + "; another push may have raced this one",
                    null);
        }
    }

    /**
     * ECR's own way to add a tag: BatchGetImage reads the manifest by digest with its media type, PutImage stores the
     * same manifest text under the tag (ECR keeps the bytes, so the digest stays).
     */
    @Override
    public void retag(ImageTarget.Registry target, String digest, String tag) {
        String what = "pointing " + target.name() + ":" + tag + " at " + digest;
        try {
            EcrClient ecr = client(target.registry());
            Image image = ecr
                    .batchGetImage(request -> request.registryId(account(target.registry()))
                            .repositoryName(target.repository())
                            .imageIds(ImageIdentifier.builder()
                                    .imageDigest(digest)
                                    .build())
                            .acceptedMediaTypes(MANIFEST_TYPES))
                    .images()
                    .stream()
                    .findFirst()
                    .orElseThrow(() -> BuildFailure.permanent(
                            FailureKind.NOT_FOUND,
                            what + ": ECR has no image " + digest + " in " + target.repository()
                                    + "; was it pushed to another repository or deleted?"));
            ecr.putImage(request -> request.registryId(account(target.registry()))
                    .repositoryName(target.repository())
                    .imageManifest(image.imageManifest())
                    .imageManifestMediaType(image.imageManifestMediaType())
                    .imageDigest(digest)
                    .imageTag(tag));
        } catch (ImageAlreadyExistsException same) {
            // The tag already names this digest: nothing to move.
        } catch (SdkException e) {
            throw EcrFailures.translate(e, what);
        }
    }

    @Override
    public Optional<RegistryCredentials> pullCredentials(String host) {
        return Optional.of(token(host));
    }

    private void ensureRepository(String host, String repository, boolean mayCreate) {
        EcrClient ecr = client(host);
        try {
            ecr.describeRepositories(
                    request -> request.registryId(account(host)).repositoryNames(repository));
        } catch (RepositoryNotFoundException missing) {
            if (!mayCreate) {
                throw BuildFailure.permanent(
                        FailureKind.NOT_FOUND,
                        "ECR repository " + repository + " does not exist in " + host + "; create it, or let the plan"
                                + " create it (parameter " + "image.createRepository=true)",
                        missing);
            }
            create(ecr, host, repository);
        } catch (SdkException e) {
            throw EcrFailures.translate(e, "DescribeRepositories " + repository);
        }
    }

    private void create(EcrClient ecr, String host, String repository) {
        try {
            // Mutable: the moving tags ({service}-dev, -latest) live in the same repository. Ferry itself refuses to
            // move the immutable {service}-{sha} tag.
            ecr.createRepository(request -> request.registryId(account(host))
                    .repositoryName(repository)
                    .imageTagMutability(ImageTagMutability.MUTABLE));
        } catch (SdkException e) {
            throw EcrFailures.translate(e, "CreateRepository " + repository);
        }
    }

    private RegistryCredentials token(String host) {
        try {
            AuthorizationData data = client(host).getAuthorizationToken(request -> {}).authorizationData().stream()
                    .findFirst()
                    .orElseThrow(() -> BuildFailure.permanent(
                            FailureKind.AUTHENTICATION, "GetAuthorizationToken for " + host + " returned no token"));
            String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw BuildFailure.permanent(
                        FailureKind.AUTHENTICATION,
                        "GetAuthorizationToken for " + host + " returned a malformed token");
            }
            return new RegistryCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
        } catch (SdkException e) {
            throw EcrFailures.translate(e, "GetAuthorizationToken for " + host);
        }
    }

    private EcrClient client(String host) {
        return clientForHost.apply(host);
    }

    /** The account owning the registry, or null (the caller's account) for hosts that do not name one. */
    private static String account(String host) {
        return EcrHosts.parse(host).map(EcrHosts.EcrHost::account).orElse(null);
    }
}
