package dev.ferry.build;

import dev.ferry.testsupport.ServiceBoot;
import org.junit.jupiter.api.Test;

class BuildApplicationIT {

    @Test
    void startsAgainstARealBroker() {
        ServiceBoot.assertStartsAndStops(BuildApplication.class);
    }
}
