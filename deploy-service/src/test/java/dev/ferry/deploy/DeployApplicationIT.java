package dev.ferry.deploy;

import dev.ferry.testsupport.ServiceBoot;
import org.junit.jupiter.api.Test;

class DeployApplicationIT {

    @Test
    void startsAgainstARealBroker() {
        ServiceBoot.assertStartsAndStops(DeployApplication.class);
    }
}
