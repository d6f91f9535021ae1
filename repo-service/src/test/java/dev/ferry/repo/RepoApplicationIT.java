package dev.ferry.repo;

import dev.ferry.testsupport.ServiceBoot;
import org.junit.jupiter.api.Test;

class RepoApplicationIT {

    @Test
    void startsAgainstARealBroker() {
        ServiceBoot.assertStartsAndStops(RepoApplication.class);
    }
}
