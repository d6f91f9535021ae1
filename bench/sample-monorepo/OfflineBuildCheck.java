// Lives in build-service's domain package (on the classpath only, never in the build) to call its package-private
// BuildPlanner: the same planning and Jib build the service runs, without checkout or Kafka around it.
package dev.ferry.build.domain;

import dev.ferry.build.jib.JibImageBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds every service image of a generated sample monorepo into OCI tarballs with build-service's builder. */
public class OfflineBuildCheck {
    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String commit = args[2];
        var builder = new JibImageBuilder(out.resolve("cache"), Set.of(), host -> Optional.empty());
        for (String path : args[3].split(",")) {
            String service = path.substring(path.lastIndexOf('/') + 1);
            var settings = new ImageSettings(
                    "", "fitsync-ecr", "{service}-{sha}", List.of(), null, null, false, null, Map.of());
            var plan = BuildPlanner.plan(new BuildContext(repo.resolve(path), commit, List.of()), settings);
            var tags = ImageTags.render("{service}-{sha}", List.of(), new TagInputs(service, commit, null, List.of()));
            long started = System.nanoTime();
            var image = builder.push(
                    plan, new ImageTarget.Archive(out.resolve(service + ".tar"), "fitsync-ecr"), tags, UploadProgress.NONE);
            System.out.printf("%-22s FROM %s, %d layers, %d files, %s, %d bytes, %d ms%n",
                    service, plan.recipe().baseImage(), plan.layers().size(),
                    plan.layers().stream().mapToInt(List::size).sum(), image.digest(), image.sizeBytes(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }
}
