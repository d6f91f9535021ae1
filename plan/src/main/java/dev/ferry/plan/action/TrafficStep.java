package dev.ferry.plan.action;

import dev.ferry.plan.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One step of a {@code shift-traffic} phase as a plan writes it: the new backend's weight in percent and how long to
 * watch it before the next step, {@code "10% for 48h"}; the last step may have no pause ({@code "100%"}).
 *
 * @param pause how long the weight is held (and analysed) before the next step; zero for none
 */
public record TrafficStep(int weight, Duration pause) {

    private static final Pattern FORM = Pattern.compile("(\\d{1,3})\\s*%(?:\\s+for\\s+(\\S+))?");

    public TrafficStep {
        if (weight < 0 || weight > 100) {
            throw new IllegalArgumentException("weight " + weight + "% is outside 0-100");
        }
        if (pause.isNegative()) {
            throw new IllegalArgumentException("pause " + pause + " is negative");
        }
    }

    /**
     * Reads one step.
     *
     * @throws IllegalArgumentException saying what is wrong and how a step is written
     */
    public static TrafficStep parse(String text) {
        Matcher form = FORM.matcher(text.strip());
        if (!form.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a traffic step; write the new backend's"
                    + " weight and how long to watch it, e.g. \"10% for 48h\", or \"100%\" for the last");
        }
        int weight = Integer.parseInt(form.group(1));
        Duration pause = Optional.ofNullable(form.group(2))
                .map(written -> DurationText.parse(written)
                        .orElseThrow(() -> new IllegalArgumentException("\"" + written + "\" in \"" + text
                                + "\" is not a duration; write it like 30m, 24h or 2d")))
                .orElse(Duration.ZERO);
        return new TrafficStep(weight, pause);
    }

    /**
     * Reads the steps of a phase in order.
     *
     * @throws IllegalArgumentException naming the step (from 1) that is malformed, out of 0-100 or not above the one
     *     before it
     */
    public static List<TrafficStep> parseAll(List<String> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no steps; give the weights to go through, e.g. [10% for 1h, 100%]");
        }
        var steps = new ArrayList<TrafficStep>();
        for (int n = 1; n <= texts.size(); n++) {
            TrafficStep step;
            try {
                step = parse(texts.get(n - 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("step " + n + ": " + e.getMessage(), e);
            }
            if (!steps.isEmpty() && step.weight() <= steps.getLast().weight()) {
                throw new IllegalArgumentException("step " + n + ": weight " + step.weight()
                        + "% does not increase on step " + (n - 1) + "'s "
                        + steps.getLast().weight()
                        + "%; each step moves more traffic to the new backend");
            }
            steps.add(step);
        }
        return List.copyOf(steps);
    }

    /** As a plan writes it. */
    @Override
    public String toString() {
        return weight + "%" + (pause.isZero() ? "" : " for " + DurationText.format(pause));
    }
}
