package dev.ferry.build.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Symbolic links in a real build context: those leading out of it are refused by path, those inside are copied. */
class SymbolicLinksTest {

    private static final ImageSettings SETTINGS =
            new ImageSettings("", "user-service", "{sha}", List.of(), null, null, false, null, Map.of());

    @TempDir
    Path temp;

    private Path context;
    private Path outside;

    @BeforeEach
    void createContextAndAFolderOutsideIt() throws IOException {
        context = Files.createDirectories(temp.resolve("repo"));
        outside = Files.createDirectories(temp.resolve("build-machine"));
        Files.writeString(outside.resolve("credentials"), "aws_secret_access_key=...");
        Files.writeString(context.resolve("app.js"), "console.log('hi')");
    }

    private ImagePlan plan(String dockerfile) throws IOException {
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        return BuildPlanner.plan(new BuildContext(context, "abc123", List.of()), SETTINGS);
    }

    private BuildFailure refusal(String dockerfile) {
        return catchThrowableOfType(BuildFailure.class, () -> plan(dockerfile));
    }

    private void link(String path, Path target) throws IOException {
        Path link = context.resolve(path);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, target);
    }

    @Test
    void refusesCopyingALinkToAFileOutsideTheContext() throws IOException {
        link("credentials", outside.resolve("credentials"));

        BuildFailure failure = refusal("FROM x\nCOPY credentials /root/.aws/credentials\n");

        assertThat(failure.kind()).isEqualTo(FailureKind.INVALID_INPUT);
        assertThat(failure.reason())
                .isEqualTo("Dockerfile:2: forbidden path outside the build context: credentials (a symbolic link"
                        + " to " + outside.resolve("credentials") + ", taken by source 'credentials'); put the file"
                        + " itself in the repository, or list the link in .dockerignore if the image does not need"
                        + " it");
    }

    @Test
    void refusesCopyingADirectoryThatHoldsALinkLeadingOut() throws IOException {
        link("config/aws", Path.of("../../build-machine"));

        assertThat(refusal("FROM x\nCOPY . /app/\n").reason())
                .startsWith("Dockerfile:2: forbidden path outside the build context: config/aws (a symbolic link to"
                        + " ../../build-machine, taken by source '.')");
        assertThat(refusal("FROM x\nCOPY config/* /app/\n").reason())
                .startsWith("Dockerfile:2: forbidden path outside the build context: config/aws");
    }

    @Test
    void refusesASourceThatGoesThroughALinkLeadingOut() throws IOException {
        link("aws", outside);

        assertThat(refusal("FROM x\nCOPY aws/credentials /creds\n").reason())
                .startsWith("Dockerfile:2: forbidden path outside the build context: aws (a symbolic link to " + outside
                        + ", taken by source 'aws/credentials')");
    }

    @Test
    void copiesALinkToAFileInsideTheContextAsThatFile() throws IOException {
        link("current.js", Path.of("app.js"));

        ImagePlan plan = plan("FROM x\nCOPY current.js /app/\nCOPY . /all/\n");

        assertThat(plan.layers().get(0)).containsExactly(new FileCopy("current.js", "/app/current.js", null, null));
        assertThat(plan.layers().get(1))
                .extracting(FileCopy::target)
                .containsExactly("/all/Dockerfile", "/all/app.js", "/all/current.js");
    }

    @Test
    void aLinkLeadingOutThatDockerignoreListsIsNotPartOfTheContext() throws IOException {
        link("config/aws", outside);
        Files.writeString(context.resolve(".dockerignore"), "config/aws\n");

        ImagePlan plan = plan("FROM x\nCOPY . /app/\n");

        assertThat(plan.layers().getFirst())
                .extracting(FileCopy::source)
                .containsExactly(".dockerignore", "Dockerfile", "app.js");
    }

    @Test
    void refusesADockerfileOrDockerignoreThatLeadsOut() throws IOException {
        Files.writeString(outside.resolve("Dockerfile"), "FROM x\n");
        link("docker", outside);
        var settings = new ImageSettings(
                "", "user-service", "{sha}", List.of(), "docker/Dockerfile", null, false, null, Map.of());

        BuildFailure failure = catchThrowableOfType(
                BuildFailure.class, () -> BuildPlanner.plan(new BuildContext(context, "abc123", List.of()), settings));

        assertThat(failure.reason())
                .isEqualTo("forbidden path outside the build context: docker/Dockerfile goes through a symbolic"
                        + " link that leads out of it; put the file itself in the repository");
        link(".dockerignore", outside.resolve("credentials"));
        assertThat(refusal("FROM x\nCOPY app.js /app/\n").reason())
                .startsWith("forbidden path outside the build context: .dockerignore goes through a symbolic link");
    }

    @Test
    void refusesAContextFolderThatLeadsOutOfTheRepository() throws IOException {
        link("services/user", outside);

        BuildFailure failure = catchThrowableOfType(
                BuildFailure.class, () -> new BuildContext(context, "abc123", List.of()).within("services/user"));

        assertThat(failure.kind()).isEqualTo(FailureKind.INVALID_INPUT);
        assertThat(failure.reason())
                .isEqualTo("context services/user is outside the repository: it goes through a symbolic link that"
                        + " leads out of it at commit abc123");
    }
}
