package dev.ferry.planner.web.github;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The JSON of a delivery sent as {@code application/x-www-form-urlencoded} (GitHub's other content type): the body is
 * {@code payload=<url-encoded JSON>}. Decoded from the raw bytes, after the signature over those bytes was checked.
 */
final class FormPayload {

    private static final String FIELD = "payload=";

    private FormPayload() {}

    /**
     * @return the payload field's JSON, or empty when the form has no such field
     * @throws IllegalArgumentException when the field is not valid URL encoding
     */
    static Optional<String> extract(byte[] body) {
        String form = new String(body, StandardCharsets.US_ASCII);
        return Arrays.stream(form.split("&"))
                .filter(pair -> pair.startsWith(FIELD))
                .findFirst()
                .map(pair -> decode(pair.substring(FIELD.length())));
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("form field payload is not valid URL encoding: " + e.getMessage(), e);
        }
    }
}
