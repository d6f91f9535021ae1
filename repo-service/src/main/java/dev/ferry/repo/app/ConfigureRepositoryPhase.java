package dev.ferry.repo.app;

import dev.ferry.contracts.MetadataFactory;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.StepSucceeded;
import dev.ferry.contracts.avro.TargetRepository;
import dev.ferry.plan.action.ConfigureRepository;
import dev.ferry.repo.domain.SplitFailure;
import dev.ferry.repo.github.GithubRepository;
import dev.ferry.repo.github.GithubSettings;
import dev.ferry.repo.github.RepositorySetup;
import dev.ferry.repo.jgit.GitRemote;
import dev.ferry.runtime.StepSuccesses;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * A {@code configure-repository} phase: each service's GitHub repository set up as the phase's settings say (see
 * {@link ConfigureRepository}), with the token its target's {@code credentialRef} names and secret values from the
 * credential store, answered with {@code step.succeeded} carrying {@code settingsChanged}, {@code secretsWritten} and
 * {@code webhookId} (or {@code skipped} for a target not on GitHub), or with {@code step.failed}. No secret value
 * reaches an event: outputs name secrets, and failures name credential references.
 */
final class ConfigureRepositoryPhase {

    private final RepoPhaseHandler.Github github;
    private final GithubSettings settings;
    private final CredentialStore credentials;
    private final StepFailures failures;
    private final StepSuccesses successes;
    private final Clock clock;

    ConfigureRepositoryPhase(
            RepoPhaseHandler.Github github,
            CredentialStore credentials,
            StepFailures failures,
            MetadataFactory metadata,
            Clock clock) {
        this.github = github;
        this.settings = github.settings();
        this.credentials = credentials;
        this.failures = failures;
        this.successes = new StepSuccesses(metadata);
        this.clock = clock;
    }

    List<SpecificRecord> run(PhaseStarted phase) {
        return phase.getServices().stream()
                .map(service -> configure(phase, service))
                .toList();
    }

    private SpecificRecord configure(PhaseStarted phase, ServiceWork service) {
        Instant started = clock.instant();
        TargetRepository target = service.getTarget();
        if (target == null) {
            return failures.invalidInput(
                    phase, service.getService(), "service " + service.getService() + " has no target repository");
        }
        Optional<GithubRepository> repository = GithubRepository.fromCloneUrl(target.getRepository(), github.hosts());
        if (repository.isEmpty()) {
            return succeeded(phase, service, skipped(target), started);
        }
        try {
            String token = credential(target.getCredentialRef(), "the token of target " + repository.get());
            RepositorySetup setup = setup(phase.getSettings(), service, target);
            return succeeded(phase, service, outputs(settings.configure(repository.get(), token, setup)), started);
        } catch (SplitFailure failure) {
            return failures.of(phase, service.getService(), failure);
        }
    }

    /** The setup the settings ask for, with every secret's value looked up first, so a missing one writes nothing. */
    private RepositorySetup setup(Map<String, String> phase, ServiceWork service, TargetRepository target) {
        var secrets = new LinkedHashMap<String, RepositorySetup.Secret>();
        ConfigureRepository.secrets(phase)
                .forEach((name, reference) ->
                        secrets.put(name, RepositorySetup.Secret.of(credential(reference, "Actions secret " + name))));
        RepositorySetup.Webhook webhook = null;
        if (phase.containsKey(ConfigureRepository.WEBHOOK_URL)) {
            String reference = phase.get(ConfigureRepository.WEBHOOK_SECRET_REF);
            if (reference == null) {
                // Ferry refuses unsigned deliveries, so a hook without a secret would be useless.
                throw new SplitFailure(
                        SplitFailure.Kind.INVALID_REQUEST,
                        "the phase sets webhookUrl but no webhookSecretRef; name the credential holding the shared"
                                + " secret Ferry checks deliveries with");
            }
            webhook = new RepositorySetup.Webhook(
                    phase.get(ConfigureRepository.WEBHOOK_URL),
                    RepositorySetup.Secret.of(credential(reference, "the webhook's shared secret")));
        }
        List<String> topics = ConfigureRepository.topics(phase);
        String description = phase.get(ConfigureRepository.DESCRIPTION);
        return new RepositorySetup(
                target.getDefaultBranch(),
                protection(phase),
                description == null ? null : description.replace("{service}", service.getService()),
                topics.isEmpty() ? null : topics,
                ConfigureRepository.teams(phase),
                ConfigureRepository.variables(phase),
                secrets,
                webhook);
    }

    private static RepositorySetup.Protection protection(Map<String, String> phase) {
        if (!ConfigureRepository.protects(phase)) {
            return null;
        }
        return new RepositorySetup.Protection(
                ConfigureRepository.requiredChecks(phase),
                Integer.parseInt(phase.getOrDefault(ConfigureRepository.REQUIRED_REVIEWS, "0")));
    }

    /** A credential's value; a reference without one fails naming the reference and what it is for, never a value. */
    private String credential(String reference, String purpose) {
        if (reference == null || reference.isBlank()) {
            throw new SplitFailure(
                    SplitFailure.Kind.AUTHENTICATION_FAILED,
                    "no credentialRef names " + purpose + "; give the target a credentialRef");
        }
        return credentials
                .token(reference)
                .orElseThrow(() -> new SplitFailure(
                        SplitFailure.Kind.AUTHENTICATION_FAILED,
                        "credential reference \"" + reference + "\" (" + purpose + ") has no value configured: set"
                                + " ferry.credentials." + reference + " or FERRY_CREDENTIAL_"
                                + reference.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_")
                                + " in repo-service's environment"));
    }

    private Map<String, String> skipped(TargetRepository target) {
        var outputs = new LinkedHashMap<String, String>();
        outputs.put(
                ConfigureRepository.SKIPPED,
                "target " + GitRemote.redact(target.getRepository()) + " is not a GitHub repository (GitHub hosts: "
                        + String.join(", ", github.hosts()) + "); nothing configured");
        outputs.put(ConfigureRepository.SETTINGS_CHANGED, "");
        outputs.put(ConfigureRepository.SECRETS_WRITTEN, "");
        return outputs;
    }

    private static Map<String, String> outputs(GithubSettings.Outcome outcome) {
        var outputs = new LinkedHashMap<String, String>();
        outputs.put(ConfigureRepository.SETTINGS_CHANGED, String.join(",", outcome.changed()));
        outputs.put(ConfigureRepository.SECRETS_WRITTEN, String.join(",", outcome.secretsWritten()));
        outcome.webhookId().ifPresent(id -> outputs.put(ConfigureRepository.WEBHOOK_ID, Long.toString(id)));
        return outputs;
    }

    private StepSucceeded succeeded(
            PhaseStarted phase, ServiceWork service, Map<String, String> outputs, Instant started) {
        return successes.of(phase, service.getService(), outputs, Duration.between(started, clock.instant()));
    }
}
