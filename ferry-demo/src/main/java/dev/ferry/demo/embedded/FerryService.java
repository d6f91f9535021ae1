package dev.ferry.demo.embedded;

import dev.ferry.build.BuildApplication;
import dev.ferry.deploy.DeployApplication;
import dev.ferry.notifier.NotifierApplication;
import dev.ferry.planner.PlannerApplication;
import dev.ferry.repo.RepoApplication;

/**
 * The five services; {@link EmbeddedServices} stops them in reverse order, the planner first, so it starts no new work
 * meanwhile.
 */
public enum FerryService {
    NOTIFIER("notifier-service", NotifierApplication.class),
    REPO("repo-service", RepoApplication.class),
    BUILD("build-service", BuildApplication.class),
    DEPLOY("deploy-service", DeployApplication.class),
    PLANNER("planner-service", PlannerApplication.class);

    private final String serviceName;
    private final Class<?> application;

    FerryService(String serviceName, Class<?> application) {
        this.serviceName = serviceName;
        this.application = application;
    }

    public String serviceName() {
        return serviceName;
    }

    Class<?> application() {
        return application;
    }
}
