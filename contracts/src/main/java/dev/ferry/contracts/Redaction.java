package dev.ferry.contracts;

import java.util.regex.Pattern;

/**
 * The one function every error path runs its text through before it leaves a service (an event's reason, a
 * dead-letter header, a Slack message, the status API's last error): it removes the credentials that can end up in
 * an error message, whatever produced it. A URL's user info ({@code https://x-access-token:ghp_...@github.com}) becomes
 * {@code ***}, and so do a bearer token and a signed token (JWT) wherever they appear.
 */
public final class Redaction {

    private static final Pattern USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s]+@");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private Redaction() {}

    /** The text without credentials; null stays null. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = USER_INFO.matcher(text).replaceAll("$1***@");
        redacted = BEARER.matcher(redacted).replaceAll("$1***");
        return JWT.matcher(redacted).replaceAll("***");
    }
}
