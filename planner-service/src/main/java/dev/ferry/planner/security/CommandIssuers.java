package dev.ferry.planner.security;

import dev.ferry.contracts.avro.MigrationCommand;
import dev.ferry.planner.security.CommandTokens.Verdict;

/**
 * Who a command comes from. With an identity provider configured, only its signed token counts: the name and roles
 * in {@code issuedBy} are what the sender claims, and are ignored. Without one, commands are trusted as declared.
 */
public final class CommandIssuers {
    private final CommandTokens tokens;

    private CommandIssuers(CommandTokens tokens) {
        this.tokens = tokens;
    }

    /** Commands must carry a token these verify. */
    public static CommandIssuers verifiedBy(CommandTokens tokens) {
        return new CommandIssuers(tokens);
    }

    /** Anyone who can write to the commands topic is whoever they say they are, with every role. */
    public static CommandIssuers trustedAsDeclared() {
        return new CommandIssuers(null);
    }

    public boolean verifies() {
        return tokens != null;
    }

    public Verdict identify(MigrationCommand command) {
        if (tokens == null) {
            return new Verdict.Verified(command.getIssuedBy().getName(), null);
        }
        return tokens.verify(command.getToken());
    }

    /**
     * Who a bearer token (of an HTTP request) names, verified as a command's token is; only when this planner
     * {@link #verifies()} identities.
     */
    public Verdict verify(String bearerToken) {
        if (tokens == null) {
            throw new IllegalStateException("this planner verifies no identities");
        }
        return tokens.verify(bearerToken);
    }

    /** The token of an {@code Authorization: Bearer ...} header; null when there is none. */
    public static String bearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip()
                : null;
    }
}
