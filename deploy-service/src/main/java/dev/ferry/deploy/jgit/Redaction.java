package dev.ferry.deploy.jgit;

import java.util.regex.Pattern;

/** Removes credentials written into URLs ({@code https://user:token@host}) before a text reaches a log or an event. */
final class Redaction {

    private static final Pattern USER_INFO = Pattern.compile("(://)[^/@\\s]+@");

    private Redaction() {}

    static String redact(String text) {
        return text == null ? null : USER_INFO.matcher(text).replaceAll("$1***@");
    }
}
