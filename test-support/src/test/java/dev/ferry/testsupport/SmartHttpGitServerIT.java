package dev.ferry.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmartHttpGitServerIT {

    @Test
    void servesPushAndCloneOverSmartHttpWithBasicAuth(@TempDir Path work) throws Exception {
        try (var server = SmartHttpGitServer.start("ferry", "t0ken")) {
            String url = server.createRepository("gitops");
            var credentials = new UsernamePasswordCredentialsProvider("ferry", "t0ken");
            try (Git git = Git.init()
                    .setInitialBranch("main")
                    .setDirectory(work.resolve("a").toFile())
                    .call()) {
                Files.writeString(work.resolve("a/README.md"), "hello\n");
                git.add().addFilepattern("README.md").call();
                var commit = git.commit().setMessage("first").setSign(false).call();
                git.push()
                        .setRemote(url)
                        .add("main")
                        .setCredentialsProvider(credentials)
                        .call();

                try (var bare = server.open("gitops")) {
                    assertThat(bare.resolve("refs/heads/main")).isEqualTo(commit.getId());
                }
            }
            try (Git clone = Git.cloneRepository()
                    .setURI(url)
                    .setDirectory(work.resolve("b").toFile())
                    .setCredentialsProvider(credentials)
                    .call()) {
                assertThat(clone.log().call().iterator().next().getFullMessage())
                        .isEqualTo("first");
                assertThat(work.resolve("b/README.md")).hasContent("hello");
            }
            assertThat(server.pushesReceived()).isEqualTo(1);
        }
    }

    @Test
    void refusesAWrongTokenAndUnknownRepositories(@TempDir Path work) {
        try (var server = SmartHttpGitServer.start("ferry", "t0ken")) {
            String url = server.createRepository("gitops");

            assertThatThrownBy(() -> Git.cloneRepository()
                            .setURI(url)
                            .setDirectory(work.resolve("c").toFile())
                            .setCredentialsProvider(new UsernamePasswordCredentialsProvider("ferry", "wrong"))
                            .call())
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("not authorized");
            assertThatThrownBy(() -> Git.cloneRepository()
                            .setURI(server.url("missing"))
                            .setDirectory(work.resolve("d").toFile())
                            .setCredentialsProvider(new UsernamePasswordCredentialsProvider("ferry", "t0ken"))
                            .call())
                    .isInstanceOf(InvalidRemoteException.class);
        }
    }

    @Test
    void rejectsForcePushesWhenTheBranchIsProtected(@TempDir Path work) throws Exception {
        try (var server = SmartHttpGitServer.start("ferry", "t0ken").denyNonFastForwards(true)) {
            String url = server.createRepository("gitops");
            var credentials = new UsernamePasswordCredentialsProvider("ferry", "t0ken");
            try (Git git = Git.init()
                    .setInitialBranch("main")
                    .setDirectory(work.toFile())
                    .call()) {
                git.commit()
                        .setMessage("one")
                        .setAllowEmpty(true)
                        .setSign(false)
                        .call();
                git.commit()
                        .setMessage("two")
                        .setAllowEmpty(true)
                        .setSign(false)
                        .call();
                git.push()
                        .setRemote(url)
                        .add("main")
                        .setCredentialsProvider(credentials)
                        .call();
                git.reset().setRef("HEAD~1").call();
                git.commit()
                        .setMessage("rewritten")
                        .setAllowEmpty(true)
                        .setSign(false)
                        .call();

                var result = git.push()
                        .setRemote(url)
                        .add("main")
                        .setForce(true)
                        .setCredentialsProvider(credentials)
                        .call();

                var update = result.iterator().next().getRemoteUpdate("refs/heads/main");
                assertThat(update.getStatus()).isNotEqualTo(RemoteRefUpdate.Status.OK);
            }
        }
    }
}
