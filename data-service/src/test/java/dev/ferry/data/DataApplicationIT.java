package dev.ferry.data;

import dev.ferry.testsupport.ServiceBoot;
import org.junit.jupiter.api.Test;

class DataApplicationIT {

    @Test
    void startsAgainstARealBroker() {
        ServiceBoot.assertStartsAndStops(DataApplication.class);
    }
}
