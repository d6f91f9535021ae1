package dev.ferry.notifier.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import dev.ferry.notifier.console.ConsoleSink;
import dev.ferry.notifier.dispatch.Courier;
import dev.ferry.notifier.dispatch.DispatchLoop;
import dev.ferry.notifier.dispatch.RunLedger;
import dev.ferry.notifier.domain.Backoff;
import dev.ferry.notifier.domain.ChatSink;
import dev.ferry.notifier.domain.MessageTemplates;
import dev.ferry.notifier.domain.Notifier;
import dev.ferry.notifier.domain.ReplyKind;
import dev.ferry.notifier.domain.Routing;
import dev.ferry.notifier.domain.RunStore;
import dev.ferry.notifier.persistence.KafkaRunStore;
import dev.ferry.notifier.slack.SlackChatSink;
import dev.ferry.notifier.slack.SlackTokenHealth;
import dev.ferry.notifier.webhook.JsonWebhookSink;
import dev.ferry.notifier.webhook.SlackWebhookSink;
import dev.ferry.runtime.FerryKafkaProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** Wires the notifier: routing and templates from settings, the chosen sink, the state topic and the courier. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotifierProperties.class)
public class NotifierConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotifierConfiguration.class);

    @Bean
    Notifier notifier(NotifierProperties properties) {
        return new Notifier(routing(properties.channels()), templates(properties.templates()));
    }

    @Bean
    NewTopic notifierStateTopic(NotifierProperties properties, FerryKafkaProperties ferry) {
        return TopicBuilder.name(properties.stateTopic())
                .partitions(1)
                .replicas(ferry.replicationFactor())
                .compact()
                .build();
    }

    /** Closed by Spring when the context stops: a bean that is AutoCloseable has its close() inferred. */
    @Bean
    RunStore runStore(NotifierProperties properties, KafkaProperties kafka) {
        return new KafkaRunStore(
                properties.stateTopic(),
                kafka.buildProducerProperties(),
                kafka.buildConsumerProperties(),
                JsonMapper.builder().findAndAddModules().build());
    }

    @Bean
    RunLedger runLedger(Notifier notifier, RunStore runStore) {
        return new RunLedger(notifier, runStore);
    }

    @Bean
    Slack slack(NotifierProperties properties) {
        var config = new SlackConfig();
        // Usage statistics would be sent to Slack's own endpoints; we keep calls to the configured API only.
        config.setStatsEnabled(false);
        if (properties.slack().apiUrl() != null) {
            config.setMethodsEndpointUrlPrefix(properties.slack().apiUrl());
        }
        return Slack.getInstance(config);
    }

    @Bean
    ChatSink chatSink(NotifierProperties properties, Slack slack, ObjectMapper objectMapper, MeterRegistry registry) {
        ChatSink sink;
        if (properties.slack().token() != null) {
            sink = new SlackChatSink(slackMethods(slack, properties));
        } else if (properties.slackWebhookUrl() != null) {
            sink = new SlackWebhookSink(slack, properties.slackWebhookUrl());
        } else if (properties.jsonWebhookUrl() != null) {
            sink = new JsonWebhookSink(
                    HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(5))
                            .build(),
                    URI.create(properties.jsonWebhookUrl()),
                    objectMapper);
        } else {
            sink = new ConsoleSink(System.out, properties.consoleUpdates());
        }
        log.info(
                "notifications go to sink={} defaultChannel={}",
                sink.describe(),
                properties.channels().defaultChannel());
        return new RedactingChatSink(new MeteredChatSink(sink, registry));
    }

    /** Readiness of the chat: Slack's auth.test when a token is set; other sinks have no cheap check. */
    @Bean
    HealthIndicator chatHealthIndicator(NotifierProperties properties, Slack slack) {
        if (properties.slack().token() != null) {
            return new SlackTokenHealth(slackMethods(slack, properties));
        }
        return () -> org.springframework.boot.actuate.health.Health.status(Status.UP)
                .withDetail("sink", properties.sinkName())
                .build();
    }

    @Bean
    Backoff backoff(NotifierProperties properties) {
        return new Backoff(properties.initialBackoff(), properties.maxBackoff());
    }

    @Bean
    Courier courier(RunLedger runLedger, ChatSink chatSink, Backoff backoff) {
        return new Courier(runLedger, chatSink, backoff);
    }

    /** Loads the saved runs and starts the courier before any listener takes an event in; stops it after them. */
    @Bean
    SmartLifecycle notifierLifecycle(RunLedger runLedger, Courier courier) {
        var loop = new DispatchLoop(runLedger, courier);
        return new SmartLifecycle() {
            @Override
            public void start() {
                runLedger.load();
                loop.start();
            }

            @Override
            public void stop() {
                loop.stop();
            }

            @Override
            public boolean isRunning() {
                return loop.isRunning();
            }

            @Override
            public int getPhase() {
                return 0;
            }
        };
    }

    private static MethodsClient slackMethods(Slack slack, NotifierProperties properties) {
        return slack.methods(properties.slack().token());
    }

    static Routing routing(NotifierProperties.Channels channels) {
        Map<String, Routing.PlanChannels> plans = new LinkedHashMap<>();
        channels.plans()
                .forEach((plan, settings) -> plans.put(
                        plan,
                        new Routing.PlanChannels(Optional.ofNullable(settings.channel()), settings.environments())));
        return new Routing(channels.defaultChannel(), Optional.ofNullable(channels.alerts()), plans);
    }

    static MessageTemplates templates(Map<String, String> configured) {
        Map<String, ReplyKind> byKey =
                Arrays.stream(ReplyKind.values()).collect(Collectors.toMap(MessageTemplates::key, k -> k));
        var overrides = new EnumMap<ReplyKind, String>(ReplyKind.class);
        configured.forEach((key, template) -> {
            ReplyKind kind = byKey.get(key);
            if (kind == null) {
                throw new IllegalArgumentException(
                        "ferry.notifier.templates." + key + " names no kind of message; known" + " kinds are "
                                + byKey.keySet().stream().sorted().toList());
            }
            overrides.put(kind, template);
        });
        return MessageTemplates.defaults().withOverrides(overrides);
    }
}
