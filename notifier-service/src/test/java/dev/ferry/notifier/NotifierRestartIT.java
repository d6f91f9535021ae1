package dev.ferry.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.notifier.dispatch.RunLedger;
import dev.ferry.testsupport.ServiceBoot;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stops the notifier in the middle of a run, with messages it could not post yet because Slack was down, lets the run
 * go on while it is away (Kafka even redelivers events it had seen), starts it again: every message of the run is in
 * Slack exactly once, in the one thread the run had before the restart.
 */
class NotifierRestartIT {

    private final SlackWorkspace slack = new SlackWorkspace();
    private final KafkaEvents kafka = new KafkaEvents();
    private ConfigurableApplicationContext app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        kafka.close();
        slack.close();
    }

    @Test
    void everyEventIsPostedExactlyOnceInTheSameThreadAcrossARestart() {
        String[] arguments = NotifierSlackIT.arguments(
                slack, NotifierSlackIT.TOKEN, UUID.randomUUID().toString());
        var run = new RunScript();
        var events = run.events;

        app = ServiceBoot.start(NotifierApplication.class, arguments);
        for (int i = 0; i <= 5; i++) {
            kafka.publish(events.get(i));
            NotifierSlackIT.awaitTakenIn(app, run, events.get(i));
        }
        RunLedger before = app.getBean(RunLedger.class);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !before.get(run.migrationId).hasWork());
        String threadBefore = slack.parents(run.migrationId).getFirst().ts();

        slack.goDown(503, Map.of());
        for (int i = 6; i <= 9; i++) {
            kafka.publish(events.get(i));
            NotifierSlackIT.awaitTakenIn(app, run, events.get(i));
        }
        assertThat(before.get(run.migrationId).pending()).isNotEmpty();
        app.close();
        app = null;

        for (int i = 10; i < events.size(); i++) {
            kafka.publish(events.get(i));
        }
        kafka.publish(events.get(2));
        kafka.publish(events.get(7));
        slack.recover();
        app = ServiceBoot.start(NotifierApplication.class, arguments);

        await().atMost(Duration.ofSeconds(60)).until(() -> slack.showsFinished(run));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !app.getBean(RunLedger.class).get(run.migrationId).hasWork());

        assertThat(slack.parents(run.migrationId)).hasSize(1);
        var replies = slack.replies(threadBefore);
        assertThat(replies).hasSize(RunScript.THREAD_REPLIES);
        Map<String, Long> postsPerMessage = slack.posted().stream()
                .filter(p -> p.method().equals("chat.postMessage") && p.key() != null)
                .filter(p -> p.threadTs() != null
                        ? p.threadTs().equals(threadBefore)
                        : p.text().contains(run.migrationId))
                .collect(Collectors.groupingBy(SlackWorkspace.Posted::key, Collectors.counting()));
        assertThat(postsPerMessage).hasSize(1 + RunScript.THREAD_REPLIES + RunScript.ALERTS);
        assertThat(postsPerMessage.values()).containsOnly(1L);
        assertThat(slack.updates(threadBefore)).isNotEmpty();
    }

    @Test
    void aReplyWhoseSaveFailedIsFoundInTheThreadAndNotPostedAgain() {
        var run = new RunScript();
        SaveFailsOnceAfterAReply.fired.set(false);
        SaveFailsOnceAfterAReply.migrationId = run.migrationId;
        var arguments = new java.util.ArrayList<>(List.of(NotifierSlackIT.arguments(
                slack, NotifierSlackIT.TOKEN, UUID.randomUUID().toString())));
        arguments.add("--spring.main.sources=" + SaveFailsOnceAfterAReply.class.getName());
        app = ServiceBoot.start(NotifierApplication.class, arguments.toArray(String[]::new));

        for (var event : run.events) {
            kafka.publish(event);
            NotifierSlackIT.awaitTakenIn(app, run, event);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> slack.showsFinished(run));

        assertThat(SaveFailsOnceAfterAReply.fired).isTrue();
        assertThat(slack.lookups()).isPositive();
        String thread = slack.parents(run.migrationId).getFirst().ts();
        var replies = slack.replies(thread);
        assertThat(replies).hasSize(RunScript.THREAD_REPLIES);
        assertThat(replies).extracting(SlackWorkspace.Posted::key).doesNotHaveDuplicates();
    }

    @Test
    void anEventWhoseStateCannotBeSavedIsTakenInLaterNotDeadLettered() {
        var run = new RunScript();
        StateTopicDownForAWhile.failed.set(0);
        StateTopicDownForAWhile.migrationId = run.migrationId;
        var arguments = new java.util.ArrayList<>(List.of(NotifierSlackIT.arguments(
                slack, NotifierSlackIT.TOKEN, UUID.randomUUID().toString())));
        arguments.add("--spring.main.sources=" + StateTopicDownForAWhile.class.getName());
        app = ServiceBoot.start(NotifierApplication.class, arguments.toArray(String[]::new));

        kafka.publish(run.events.getFirst());
        NotifierSlackIT.awaitTakenIn(app, run, run.events.getFirst());

        assertThat(StateTopicDownForAWhile.failed.get()).isGreaterThan(StateTopicDownForAWhile.FAILURES);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !slack.parents(run.migrationId).isEmpty()
                        && slack.replies(slack.parents(run.migrationId)
                                                .getFirst()
                                                .ts())
                                        .size()
                                == 1);
    }
}
