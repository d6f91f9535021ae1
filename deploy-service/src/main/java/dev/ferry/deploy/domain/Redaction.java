package dev.ferry.deploy.domain;

import java.util.regex.Pattern;

/** Removes credentials written into URLs ({@code https://user:token@host}) before a text reaches a log or an event. */
public final class Redaction {

    private static final Pattern USER_INFO = Pattern.compile("(://)[^/@\\s]+@");

    private Redaction() {}

    /** The URL without its user-info part, for places that need a working URL, such as an Argo CD repoURL. */
    public static String withoutCredentials(String url) {
        return url == null ? null : USER_INFO.matcher(url).replaceAll("$1");
    }

    public static String redact(String text) {
        return text == null ? null : USER_INFO.matcher(text).replaceAll("$1***@");
    }
}
