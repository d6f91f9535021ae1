package dev.ferry.plan;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each credential may be sent, from configuration, not from the plan: a plan names a credential by reference
 * and a URL, and without this binding whoever may start a plan could send the organisation's GitHub or registry token
 * to a host of their choosing. Hosts are exact ({@code github.com}) or a wildcard for subdomains
 * ({@code *.dkr.ecr.us-east-2.amazonaws.com}). With no binding configured at all, nothing is checked (a single-user
 * setup, the embedded demo); once one is, a credential it does not list is refused everywhere.
 */
public record CredentialHosts(Map<String, List<String>> hostsByCredential) {

    /** scp-like git addresses: {@code git@github.com:org/repo.git}. */
    private static final Pattern SCP = Pattern.compile("^[^/@:]+@([^/:]+):.*");

    public CredentialHosts {
        hostsByCredential = Map.copyOf(hostsByCredential);
    }

    public static CredentialHosts unrestricted() {
        return new CredentialHosts(Map.of());
    }

    /**
     * Why the credential may not go to the address, if it may not.
     *
     * @param address a repository URL (https, ssh, scp-like), a registry host, or a local path (which gets no token)
     */
    public Optional<String> refusal(String credentialRef, String address) {
        if (hostsByCredential.isEmpty() || credentialRef == null || address == null) {
            return Optional.empty();
        }
        Optional<String> host = hostOf(address);
        if (host.isEmpty()) {
            return Optional.empty();
        }
        List<String> allowed = hostsByCredential.get(credentialRef);
        if (allowed == null) {
            return Optional.of("credential " + credentialRef + " is bound to no host in Ferry's configuration, so it"
                    + " is sent nowhere; bound credentials: " + String.join(", ", hostsByCredential.keySet()));
        }
        if (allowed.stream().anyMatch(pattern -> matches(pattern, host.get()))) {
            return Optional.empty();
        }
        return Optional.of("credential " + credentialRef + " may be sent only to " + String.join(", ", allowed)
                + ", not to " + host.get());
    }

    /** The host an address names; empty for a local path or a file: URL, which no credential is sent to. */
    static Optional<String> hostOf(String address) {
        Matcher scp = SCP.matcher(address);
        if (scp.matches()) {
            return Optional.of(scp.group(1).toLowerCase(Locale.ROOT));
        }
        if (address.contains("://")) {
            try {
                String host = URI.create(address).getHost();
                return Optional.ofNullable(host).map(h -> h.toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException notAUri) {
                return Optional.of(address.replaceFirst("^[a-z+]+://", "").replaceFirst("[/:].*$", ""));
            }
        }
        if (address.startsWith("/") || address.startsWith(".")) {
            return Optional.empty();
        }
        // A registry: host[:port][/repository].
        return Optional.of(address.replaceFirst("[/:].*$", "").toLowerCase(Locale.ROOT));
    }

    private static boolean matches(String pattern, String host) {
        String wanted = pattern.toLowerCase(Locale.ROOT);
        return wanted.startsWith("*.") ? host.endsWith(wanted.substring(1)) : host.equals(wanted);
    }
}
