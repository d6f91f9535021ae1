package dev.ferry.build.config;

import dev.ferry.build.buildah.BuildahInstallation;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a start-up without buildah into Spring Boot's short "what went wrong, what to do" text, not a stack trace. */
final class BuildahMissingAnalyzer extends AbstractFailureAnalyzer<BuildahMissing> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BuildahMissing cause) {
        return new FailureAnalysis(
                "build-service needs buildah (ferry.build.buildah.required=true), and '" + cause.configured()
                        + "' is not installed on this machine.",
                "Install Debian's package " + BuildahInstallation.PACKAGE + " (apt-get install "
                        + BuildahInstallation.PACKAGE + "), or set ferry.build.buildah.executable to where buildah is,"
                        + " or set ferry.build.buildah.required=false so that only the builds that need it fail.",
                cause);
    }
}
