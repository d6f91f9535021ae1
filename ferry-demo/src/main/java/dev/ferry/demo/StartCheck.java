package dev.ferry.demo;

import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.demo.image.Buildah;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;

/**
 * Starts the first image the run pushes, with buildah, while the run goes on: its entrypoint given {@code health}, as
 * {@code docker run IMAGE health} would. The summary reports what it printed, so "runnable" is something the demo saw.
 */
final class StartCheck {

    /** What the check saw: the service and what its image printed, or why it did not start. */
    record Outcome(String service, boolean started, String text) {}

    private final Path work;
    private final boolean plainHttp;
    private CompletableFuture<Outcome> running;

    /**
     * @param work buildah's storage while the check runs (deleted afterwards)
     * @param plainHttp whether the images' registry speaks plain HTTP (a local one)
     */
    StartCheck(Path work, boolean plainHttp) {
        this.work = work;
        this.plainHttp = plainHttp;
    }

    /** Starts the check on the first image.pushed of the run; other events change nothing. */
    void on(SpecificRecord event) {
        if (running == null && event instanceof ImagePushed pushed) {
            running = CompletableFuture.supplyAsync(() -> check(pushed.getService(), pushed.getImageReference()));
        }
    }

    /** The outcome, waiting at most {@code timeout} for it; empty when no image was pushed or it took too long. */
    Optional<Outcome> outcome(Duration timeout) {
        if (running == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(running.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private Outcome check(String service, String reference) {
        try (var buildah = Buildah.storedUnder(work)) {
            String container = buildah.from(source(reference));
            return new Outcome(
                    service, true, buildah.runImage(container, "health").strip());
        } catch (Buildah.BuildahFailure e) {
            return new Outcome(service, false, e.getMessage());
        }
    }

    /** buildah's name for an image.pushed reference: a docker-archive tarball as is, a registry image by digest. */
    private String[] source(String reference) {
        if (reference.startsWith("docker-archive:")) {
            return new String[] {reference};
        }
        return plainHttp
                ? new String[] {"--tls-verify=false", "docker://" + reference}
                : new String[] {"docker://" + reference};
    }
}
