package dev.ferry.notifier.domain;

/** Durations as people read them in a channel: 4m 05s, 1h 02m, 850ms. */
final class Durations {

    private Durations() {}

    static String words(long millis) {
        if (millis < 1000) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return String.format(java.util.Locale.ROOT, "%dm %02ds", minutes, seconds % 60);
        }
        return String.format(java.util.Locale.ROOT, "%dh %02dm", minutes / 60, minutes % 60);
    }
}
