package dev.ferry.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ferry.testsupport.ServiceBoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class BuildApplicationIT {

    @Test
    void startsAgainstARealBroker() {
        ServiceBoot.assertStartsAndStops(BuildApplication.class);
    }

    @Test
    void refusesToStartWithoutBuildahWhenConfiguredToNeedItAndSaysWhatToInstall(CapturedOutput output) {
        Throwable failure = catchThrowable(() -> ServiceBoot.start(
                        BuildApplication.class,
                        "--ferry.build.buildah.required=true",
                        "--ferry.build.buildah.executable=/nowhere/buildah")
                .close());

        assertThat(failure).isNotNull();
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("'/nowhere/buildah' is not installed on this machine")
                .contains("Install Debian's package buildah (apt-get install buildah)")
                .as("Spring's failure analysis, not a stack trace")
                .doesNotContain("Application run failed");
    }
}
