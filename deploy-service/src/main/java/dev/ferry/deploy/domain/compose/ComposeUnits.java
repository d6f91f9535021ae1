package dev.ferry.deploy.domain.compose;

import dev.ferry.deploy.domain.StepFailure;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compose's ways of writing durations, CPUs, byte sizes and command lines, read into plain values. */
final class ComposeUnits {

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s|us|ns)");
    private static final Pattern BYTES =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)i?b?", Pattern.CASE_INSENSITIVE);

    private ComposeUnits() {}

    /** {@code 1m30s}, {@code 10s}, {@code 500ms}; {@code where} names the file and line for errors. */
    static Duration duration(String text, String where) {
        String t = text.strip();
        Matcher m = DURATION_PART.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            total = total.plus(part(new BigDecimal(m.group(1)), m.group(2)));
            end = m.end();
        }
        if (end == 0 || end != t.length()) {
            throw StepFailure.invalid(
                    where + ": '" + text + "' is not a duration; write it as Compose does (30s, 1m30s)");
        }
        return total;
    }

    private static Duration part(BigDecimal amount, String unit) {
        long nanosPerUnit =
                switch (unit) {
                    case "h" -> 3_600_000_000_000L;
                    case "m" -> 60_000_000_000L;
                    case "s" -> 1_000_000_000L;
                    case "ms" -> 1_000_000L;
                    case "us" -> 1_000L;
                    default -> 1L;
                };
        return Duration.ofNanos(
                amount.multiply(BigDecimal.valueOf(nanosPerUnit)).longValue());
    }

    /** {@code 0.5} CPUs as 500 millicores. */
    static long cpuMillis(String text, String where) {
        try {
            return new BigDecimal(text.strip()).movePointRight(3).longValue();
        } catch (NumberFormatException e) {
            throw StepFailure.invalid(where + ": cpus '" + text + "' is not a number of CPUs (0.5, 2)");
        }
    }

    /** {@code 512M}, {@code 1g}, {@code 1024kb}, {@code 100b}, or a plain number of bytes. */
    static long bytes(String text, String where) {
        Matcher m = BYTES.matcher(text.strip());
        if (!m.matches()) {
            throw StepFailure.invalid(where + ": memory '" + text + "' is not a size (512M, 1g)");
        }
        int power = "bkmgt".indexOf(m.group(2).isEmpty() ? "b" : m.group(2).toLowerCase(Locale.ROOT));
        return new BigDecimal(m.group(1))
                .multiply(BigDecimal.valueOf(1024).pow(power))
                .longValue();
    }

    /** A command written as one string, split into words as Compose does (quotes group, no shell). */
    static List<String> words(String text) {
        var words = new ArrayList<String>();
        var word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
