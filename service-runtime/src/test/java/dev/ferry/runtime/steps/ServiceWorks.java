package dev.ferry.runtime.steps;

import dev.ferry.contracts.avro.PriorResults;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SourceSpec;

/** A service's part of a test's {@code phase.started}: its path in a mono-repo, nothing done before. */
public final class ServiceWorks {

    private ServiceWorks() {}

    public static ServiceWork of(String service) {
        return ServiceWork.newBuilder()
                .setService(service)
                .setSource(SourceSpec.newBuilder()
                        .setRepository("file:///mono")
                        .setBranch("main")
                        .setPath("services/" + service)
                        .build())
                .setPrior(PriorResults.newBuilder().build())
                .build();
    }
}
