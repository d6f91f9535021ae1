package dev.ferry.build.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** EXPOSE values ({@code 8080}, {@code 53/udp}, {@code 8000-8002/tcp}) and {@code --chmod} modes, validated. */
final class Ports {

    private static final int MAX_RANGE = 1024;

    private Ports() {}

    /** The ports named by one EXPOSE word, each as {@code number/protocol}. */
    static List<String> parse(String word) {
        String[] parts = word.toLowerCase(Locale.ROOT).split("/", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("'" + word + "' is not a port: expected PORT[/tcp|/udp]");
        }
        String protocol = parts.length == 2 ? parts[1] : "tcp";
        if (!protocol.equals("tcp") && !protocol.equals("udp")) {
            throw new IllegalArgumentException("'" + word + "' names protocol " + protocol + ", expected tcp or udp");
        }
        String[] range = parts[0].split("-", -1);
        int low = number(range[0], word);
        int high = range.length == 2 ? number(range[1], word) : low;
        if (range.length > 2 || high < low || high - low > MAX_RANGE) {
            throw new IllegalArgumentException("'" + word + "' is not a port range");
        }
        var ports = new ArrayList<String>();
        for (int port = low; port <= high; port++) {
            ports.add(port + "/" + protocol);
        }
        return ports;
    }

    private static int number(String text, String word) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("'" + word + "': port " + port + " is out of 1..65535");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + word + "' is not a port number");
        }
    }

    /** A {@code --chmod} value as three octal digits. */
    static String octal(String mode) {
        if (!mode.matches("0?[0-7]{3}")) {
            throw new IllegalArgumentException("--chmod=" + mode + " is not an octal mode such as 755");
        }
        return mode.substring(mode.length() - 3);
    }
}
