package dev.ferry.cli.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * What a token says about its bearer, read only to tell the person who they will be taken for. The CLI does not and
 * cannot verify it: the planner does, against its identity provider's keys.
 */
record TokenClaims(String name, List<String> roles, Instant expires) {

    static Optional<TokenClaims> read(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
            String name = claims.hasNonNull("preferred_username")
                    ? claims.get("preferred_username").asText()
                    : claims.path("sub").asText(null);
            var roles = new ArrayList<String>();
            claims.path("roles").forEach(role -> roles.add(role.asText()));
            claims.path("groups").forEach(group -> roles.add("group " + group.asText()));
            Instant expires = claims.hasNonNull("exp")
                    ? Instant.ofEpochSecond(claims.get("exp").asLong())
                    : null;
            return Optional.of(new TokenClaims(name, roles, expires));
        } catch (IOException | IllegalArgumentException notAJwt) {
            return Optional.empty();
        }
    }
}
