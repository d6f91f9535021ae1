package dev.ferry.plan.action;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an analysis query's value must satisfy for an evaluation to pass, as a plan writes it: {@code "< 0.01"},
 * {@code ">= 0.99"}, {@code "<= 0.5"}. The value is what Prometheus returns for the query (one number per series; every
 * series must satisfy it).
 */
public record MetricCondition(Operator operator, double threshold) {

    private static final Pattern FORM =
            Pattern.compile("(<=|>=|<|>|==|!=)\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)");

    /** The comparisons a condition may use. */
    public enum Operator {
        LESS("<"),
        LESS_OR_EQUAL("<="),
        GREATER(">"),
        GREATER_OR_EQUAL(">="),
        EQUAL("=="),
        NOT_EQUAL("!=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        static Operator of(String symbol) {
            for (Operator operator : values()) {
                if (operator.symbol.equals(symbol)) {
                    return operator;
                }
            }
            throw new IllegalArgumentException("no operator " + symbol);
        }
    }

    /**
     * Reads a condition.
     *
     * @throws IllegalArgumentException saying how a condition is written
     */
    public static MetricCondition parse(String text) {
        Matcher form = FORM.matcher(text.strip());
        if (!form.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a condition; write a comparison and a number,"
                    + " e.g. \"< 0.01\" or \">= 0.99\" (one of <, <=, >, >=, ==, !=)");
        }
        return new MetricCondition(Operator.of(form.group(1)), Double.parseDouble(form.group(2)));
    }

    /** Whether a value passes; NaN (Prometheus's 0/0, e.g. an error ratio with no requests) never does. */
    public boolean holds(double value) {
        return switch (operator) {
            case LESS -> value < threshold;
            case LESS_OR_EQUAL -> value <= threshold;
            case GREATER -> value > threshold;
            case GREATER_OR_EQUAL -> value >= threshold;
            case EQUAL -> value == threshold;
            case NOT_EQUAL -> !Double.isNaN(value) && value != threshold;
        };
    }

    /** As a plan writes it. */
    @Override
    public String toString() {
        return operator.symbol + " " + threshold;
    }
}
