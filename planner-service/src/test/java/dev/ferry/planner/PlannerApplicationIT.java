package dev.ferry.planner;

import dev.ferry.testsupport.ServiceBoot;
import org.junit.jupiter.api.Test;

class PlannerApplicationIT {

    @Test
    void startsAgainstARealBroker() {
        ServiceBoot.assertStartsAndStops(PlannerApplication.class);
    }
}
