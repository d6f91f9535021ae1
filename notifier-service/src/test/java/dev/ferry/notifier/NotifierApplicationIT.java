package dev.ferry.notifier;

import dev.ferry.testsupport.ServiceBoot;
import org.junit.jupiter.api.Test;

class NotifierApplicationIT {

    @Test
    void startsAgainstARealBroker() {
        ServiceBoot.assertStartsAndStops(NotifierApplication.class);
    }
}
