package dev.ferry.planner.it;

import dev.ferry.contracts.Topic;
import dev.ferry.contracts.Topics;
import dev.ferry.contracts.avro.DeploySynced;
import dev.ferry.contracts.avro.HealthStatus;
import dev.ferry.contracts.avro.ImagePushed;
import dev.ferry.contracts.avro.MigrationFinished;
import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.RepoSplit;
import dev.ferry.contracts.avro.ServiceWork;
import dev.ferry.contracts.avro.SyncStatus;
import dev.ferry.contracts.kafka.AvroEventSerializer;
import dev.ferry.contracts.serde.EventCodec;
import dev.ferry.contracts.serde.SchemaCatalog;
import dev.ferry.planner.PlannerApplication;
import dev.ferry.testsupport.KafkaTestBroker;
import dev.ferry.testsupport.ServiceBoot;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Benchmark (not a test): the planner on the in-JVM broker and embedded PostgreSQL runs an N-service, 4-phase plan
 * (split, build, deploy-dev, deploy-prod) against workers that answer every phase.started at once. Prints the time
 * to migration.finished and the per-hop latency: from a worker's result sent to the phase.started it causes written
 * to Kafka by the relay (the record's CreateTime). Run with bench/planner/run.sh.
 */
public final class PlannerBench {

    public static void main(String[] args) throws Exception {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        // burst: every result goes out at once (500 services answering together);
        // paced: one result at a time, the next once the previous one's phase.started is out (no queueing).
        boolean paced = args.length > 1 && args[1].equals("paced");
        var data = Files.createTempDirectory("planner-bench");
        try (var planner = ServiceBoot.start(
                        PlannerApplication.class,
                        "--ferry.planner.data-directory=" + data,
                        "--logging.level.dev.ferry=WARN");
                var bus = new Bus("phase.started", "migration.finished");
                var producer = new KafkaProducer<String, SpecificRecord>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                KafkaTestBroker.shared().bootstrapServers(),
                                ProducerConfig.LINGER_MS_CONFIG,
                                0),
                        new StringSerializer(),
                        new AvroEventSerializer(new EventCodec(SchemaCatalog.builtIn())))) {
            if (!planner.isRunning()) {
                throw new IllegalStateException("the planner did not start");
            }
            String id = UUID.randomUUID().toString();
            Map<String, Long> sentAt = new HashMap<>();
            List<Long> hops = new ArrayList<>();
            var pending = new java.util.ArrayDeque<SpecificRecord>();
            String waitingFor = null;
            long start = System.nanoTime();
            bus.start(id, "bench", plan(services), Map.of());
            int starts = 0;
            while (bus.seen(
                            MigrationFinished.class,
                            f -> f.getMetadata().getMigrationId().equals(id))
                    .isEmpty()) {
                for (var record : bus.poll()) {
                    if (!(record.value() instanceof PhaseStarted started)
                            || !started.getMetadata().getMigrationId().equals(id)) {
                        continue;
                    }
                    starts++;
                    String cause = started.getMetadata().getCausationId().toString();
                    Long sent = sentAt.remove(cause);
                    if (sent != null) {
                        // The relay's send time (the record's CreateTime) minus the worker's: the planner's hop.
                        hops.add(record.timestamp() - sent);
                    }
                    if (cause.equals(waitingFor)) {
                        waitingFor = null;
                    }
                    started.getServices().forEach(work -> pending.add(result(started, work)));
                }
                while (!pending.isEmpty() && (!paced || waitingFor == null)) {
                    SpecificRecord result = pending.poll();
                    var meta = (dev.ferry.contracts.avro.EventMetadata)
                            result.get(result.getSchema().getField("metadata").pos());
                    Topic<?> topic = Topics.carrying(result.getClass());
                    sentAt.put(meta.getEventId().toString(), System.currentTimeMillis());
                    producer.send(new ProducerRecord<>(topic.name(), topic.keyForRecord(result), result));
                    if (paced) {
                        producer.flush();
                    }
                    boolean last = result instanceof DeploySynced deploy
                            && deploy.getPhase().equals("deploy-prod");
                    waitingFor = last ? null : meta.getEventId().toString();
                }
                // Bursting workers answer side by side: waiting for each send's acknowledgement in turn would make
                // the driver, not the planner, what the run waits for (about 2 ms a record).
                producer.flush();
            }
            long total = System.nanoTime() - start;
            long[] sorted = hops.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(
                    "services=%d phases=4 mode=%s phase.started=%d total=%.1f s hops=%d p50=%d ms p99=%d ms max=%d ms%n",
                    services,
                    paced ? "paced" : "burst",
                    starts,
                    total / 1e9,
                    sorted.length,
                    percentile(sorted, 50),
                    percentile(sorted, 99),
                    sorted[sorted.length - 1]);
        }
        System.exit(0);
    }

    private static SpecificRecord result(PhaseStarted started, ServiceWork work) {
        var meta = Bus.WORKERS.causedBy(started.getMetadata());
        String service = work.getService();
        return switch (started.getAction()) {
            case SPLIT ->
                new RepoSplit(
                        meta,
                        started.getPhase(),
                        service,
                        started.getAttempt(),
                        "/src",
                        "a".repeat(40),
                        "/t",
                        "b",
                        1L,
                        1L,
                        0,
                        1L);
            case BUILD ->
                ImagePushed.newBuilder()
                        .setMetadata(meta)
                        .setPhase(started.getPhase())
                        .setService(service)
                        .setAttempt(started.getAttempt())
                        .setImageReference("r@sha256:1")
                        .setDigest("sha256:1")
                        .setTags(List.of(service + "-b"))
                        .setSizeBytes(1)
                        .setLayersUploaded(1)
                        .setLayersReused(0)
                        .setBytesUploaded(1)
                        .setDurationMillis(1)
                        .build();
            default ->
                DeploySynced.newBuilder()
                        .setMetadata(meta)
                        .setPhase(started.getPhase())
                        .setService(service)
                        .setAttempt(started.getAttempt())
                        .setEnvironment(started.getEnvironment())
                        .setImageTag(work.getPrior().getImageTag())
                        .setSyncStatus(SyncStatus.NOT_TRACKED)
                        .setHealth(HealthStatus.NOT_TRACKED)
                        .setDurationMillis(1)
                        .build();
        };
    }

    private static String plan(int services) {
        var yaml = new StringBuilder("""
                apiVersion: ferry.dev/v1
                kind: MigrationPlan
                metadata:
                  name: bench
                spec:
                  source: {repository: /src/mono.git, branch: main}
                  defaults:
                    target: {repository: "/targets/{service}.git"}
                  registry: {host: localhost:5000, repository: bench, tagTemplate: "{service}-{sha}"}
                  gitops: {repository: /gitops.git, layout: helm-values, path: "envs/{env}/{service}.yaml", mode: gitops-only}
                  environments: [{name: dev}, {name: prod}]
                  phases:
                    - {name: split, action: split}
                    - {name: build, action: build, dependsOn: [split]}
                    - {name: deploy-dev, action: deploy, environment: dev, dependsOn: [build]}
                    - {name: deploy-prod, action: deploy, environment: prod, dependsOn: [deploy-dev]}
                  services:
                """);
        for (int i = 0; i < services; i++) {
            yaml.append("    - {name: svc-")
                    .append(i)
                    .append(", path: services/svc-")
                    .append(i)
                    .append("}\n");
        }
        return yaml.toString();
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private PlannerBench() {}
}
