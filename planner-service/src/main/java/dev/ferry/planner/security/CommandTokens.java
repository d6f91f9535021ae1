package dev.ferry.planner.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Who issued a command, from the signed token it carries: Spring Security's JWT decoder checks the signature against
 * the identity provider's JWKS, the expiry and the issuer; this class only reads the person and their roles out of a
 * token that passed.
 */
public final class CommandTokens {

    /** What a token says about its bearer, or why it says nothing. */
    public sealed interface Verdict {
        /** @param roles the bearer's Ferry roles; null when the planner trusts commands as declared */
        record Verified(String name, List<String> roles) implements Verdict {
            public Verified {
                roles = roles == null ? null : List.copyOf(roles);
            }
        }

        record Refused(String reason) implements Verdict {}
    }

    private final JwtDecoder decoder;
    private final String nameClaim;
    private final String rolesClaim;
    private final String groupsClaim;
    private final Map<String, List<String>> groupRoles;

    public CommandTokens(
            JwtDecoder decoder,
            String nameClaim,
            String rolesClaim,
            String groupsClaim,
            Map<String, List<String>> groupRoles) {
        this.decoder = decoder;
        this.nameClaim = nameClaim;
        this.rolesClaim = rolesClaim;
        this.groupsClaim = groupsClaim;
        this.groupRoles = Map.copyOf(groupRoles);
    }

    public Verdict verify(String token) {
        if (token == null || token.isBlank()) {
            return new Verdict.Refused("the command carries no token, and this planner takes only signed commands"
                    + " (log in with `ferry login`, or send the token of a service account)");
        }
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (BadJwtException invalid) {
            // The decoder's messages name what failed (signature, expiry, issuer), never the token itself.
            return new Verdict.Refused("the command's token is not valid: " + invalid.getMessage());
        } catch (JwtException unverifiable) {
            return new Verdict.Refused("the command's token could not be verified (" + unverifiable.getMessage()
                    + "); nothing was done, issue the command again");
        }
        String name = jwt.hasClaim(nameClaim) ? jwt.getClaimAsString(nameClaim) : jwt.getSubject();
        if (name == null || name.isBlank()) {
            return new Verdict.Refused("the command's token names nobody (no " + nameClaim + " or sub claim)");
        }
        return new Verdict.Verified(name, roles(jwt));
    }

    private List<String> roles(Jwt jwt) {
        var roles = new LinkedHashSet<String>(claimList(jwt, rolesClaim));
        for (String group : claimList(jwt, groupsClaim)) {
            roles.addAll(groupRoles.getOrDefault(group, List.of()));
        }
        return new ArrayList<>(roles);
    }

    private static List<String> claimList(Jwt jwt, String claim) {
        if (!jwt.hasClaim(claim)) {
            return List.of();
        }
        Object value = jwt.getClaim(claim);
        return value instanceof String one ? List.of(one) : jwt.getClaimAsStringList(claim);
    }
}
