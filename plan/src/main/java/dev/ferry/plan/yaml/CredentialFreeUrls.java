package dev.ferry.plan.yaml;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A repository or webhook URL must not carry a credential ({@code https://user:token@host/...}): the plan is shown,
 * stored and logged, while a token belongs in Ferry's credential store under the name a {@code credentialRef} gives.
 * The problem shows the URL with the credential replaced, never the credential.
 */
final class CredentialFreeUrls {

    /** Scheme, user info up to the last {@code @} before the host, then the rest. */
    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/@]+)@(.*)$");

    private CredentialFreeUrls() {}

    /** Reports the URL when it carries a credential; whether it is free of one. */
    static boolean check(Located<String> url, Problems problems) {
        Matcher matcher = USER_INFO.matcher(url.value());
        if (!matcher.matches()) {
            return true;
        }
        String scheme = matcher.group(1).toLowerCase(java.util.Locale.ROOT);
        String userInfo = matcher.group(2);
        // ssh://git@host/... names a user and no secret; over http(s) anything before @ is a token or a password.
        boolean secret = scheme.startsWith("http") || userInfo.contains(":");
        if (secret) {
            problems.add(
                    url.node(),
                    url.path(),
                    "\"" + matcher.group(1) + "***@" + matcher.group(3) + "\" has a credential in it; write the URL"
                            + " without it and name the credential with credentialRef (its value stays in Ferry's"
                            + " configuration)");
        }
        return !secret;
    }
}
