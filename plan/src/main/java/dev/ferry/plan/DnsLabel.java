package dev.ferry.plan;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The naming rule for services, environments and plans: a DNS label (lowercase letters, digits and '-', starting and
 * ending with a letter or digit, at most 63 characters). These names end up in repository names, image tags, Kubernetes
 * namespaces and Argo CD application names, all of which accept this form.
 */
public final class DnsLabel {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final int MAX_LENGTH = 63;

    private DnsLabel() {}

    /** What is wrong with {@code name} as a DNS label, phrased to follow the name, or empty when it is fine. */
    public static Optional<String> problem(String name) {
        if (name.length() > MAX_LENGTH) {
            return Optional.of("is " + name.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        if (!LABEL.matcher(name).matches()) {
            return Optional.of("is not a valid name: use lowercase letters, digits and '-', starting and ending with a"
                    + " letter or digit" + suggestion(name));
        }
        return Optional.empty();
    }

    private static String suggestion(String name) {
        String fixed =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return fixed.isEmpty() || fixed.equals(name) ? "" : " (e.g. \"" + fixed + "\")";
    }
}
