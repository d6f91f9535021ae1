package dev.ferry.planner.domain.run;

/** One service's step of one phase. */
public record StepKey(String phase, String service) {

    @Override
    public String toString() {
        return phase + "/" + service;
    }
}
