import dev.ferry.demo.sample.GeneratedMonorepo;
import dev.ferry.demo.sample.SampleMonorepo;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/** Times SampleMonorepo.generateInto: wall time and the generating thread's CPU time (which load does not inflate). */
public class GenerateSample {
    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        int commits = Integer.parseInt(args[1]);
        var threads = ManagementFactory.getThreadMXBean();
        long wall = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        GeneratedMonorepo repo = SampleMonorepo.fitSync().setCommits(commits).generateInto(directory);
        System.out.printf("generated commits=%d merges=%d tags=%d head=%s wallMillis=%d cpuMillis=%d%n",
                repo.commits(), repo.merges(), repo.tags().size(), repo.head(),
                (System.nanoTime() - wall) / 1_000_000, (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000);
        repo.commitsPerService().forEach((path, count) -> System.out.printf("  %-32s %d commits%n", path, count));
    }
}
