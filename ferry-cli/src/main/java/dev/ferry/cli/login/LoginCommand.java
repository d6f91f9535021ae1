package dev.ferry.cli.login;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.ExitCodes;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ferry login}: stores who the CLI issues commands as, in a context of the config file. Either a person logs in
 * at the identity provider (the OIDC device flow: a code to enter in a browser), or automation hands over a token it
 * has (a service account's). Every command sent afterwards carries the token; the planner verifies it.
 */
@Command(
        name = "login",
        description = {
            "Log in: every command then goes out with your identity, which the planner verifies.",
            "--issuer URL --client-id ID: log in at your identity provider (OIDC device flow).",
            "--token-file FILE (or --token TOKEN): use a token you have, e.g. a service account's."
        })
public final class LoginCommand implements Callable<Integer> {

    private final CliEnvironment env;

    @ArgGroup(multiplicity = "1")
    Source source;

    static final class Source {
        @Option(
                names = "--token",
                paramLabel = "TOKEN",
                description = "The token itself (it stays in shell history:" + " prefer --token-file).")
        String token;

        @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding the token.")
        Path tokenFile;

        @Option(
                names = "--issuer",
                paramLabel = "URL",
                description = "Your OpenID Connect provider, e.g." + " https://id.example.com/realms/platform.")
        URI issuer;
    }

    @Option(
            names = "--client-id",
            paramLabel = "ID",
            defaultValue = "ferry-cli",
            description = "With --issuer: the" + " CLI's client at the provider (default: ${DEFAULT-VALUE}).")
    String clientId;

    @Option(
            names = "--scope",
            paramLabel = "SCOPES",
            defaultValue = "openid profile",
            description = "With --issuer:" + " the scopes to ask for (default: ${DEFAULT-VALUE}).")
    String scope;

    @Option(
            names = "--context",
            paramLabel = "NAME",
            description = "The context to log in to (default: the current"
                    + " one, else \"default\"); it becomes the current one.")
    String context;

    @Option(
            names = "--planner-url",
            paramLabel = "URL",
            description = "Also store the planner's address in the" + " context.")
    String plannerUrl;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            description = "Also store the Kafka brokers" + " in the context.")
    String bootstrapServers;

    public LoginCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        CliConfig config = CliConfig.load(env);
        String token = token().strip();
        if (token.isEmpty()) {
            throw new CliFailure("the token is empty");
        }
        CliContext stored =
                config.context(context != null ? context : config.currentName()).withToken(token);
        if (plannerUrl != null) {
            stored = stored.withPlanner(plannerUrl.strip());
        }
        if (bootstrapServers != null) {
            stored = stored.withBootstrapServers(bootstrapServers.strip());
        }
        config.save(stored);
        String who = TokenClaims.read(token)
                .map(claims -> " as " + claims.name()
                        + (claims.roles().isEmpty() ? "" : " (" + String.join(", ", claims.roles()) + ")")
                        + (claims.expires() == null ? "" : ", until " + claims.expires()))
                .orElse("");
        env.out().println("logged in to context " + stored.name() + who + "; saved in " + config.file());
        return ExitCodes.OK;
    }

    private String token() {
        if (source.token != null) {
            return source.token;
        }
        if (source.tokenFile != null) {
            try {
                return Files.readString(source.tokenFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliFailure("cannot read the token file " + source.tokenFile + ": " + e.getMessage(), e);
            }
        }
        return new DeviceLogin(env.clock(), env.out()).login(source.issuer, clientId, scope);
    }
}
