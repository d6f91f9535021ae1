package dev.ferry.notifier.config;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The notifier's settings ({@code ferry.notifier.*}). The sink is Slack's Web API when a token is set, else a Slack
 * incoming webhook, else a generic JSON webhook, else the console. Tokens and webhook URLs are secrets: no
 * {@code toString} here shows them.
 *
 * @param slack the Web API token and, for tests, another API address
 * @param slackWebhookUrl a Slack incoming-webhook URL
 * @param jsonWebhookUrl a generic JSON webhook URL for other chat tools
 * @param channels where runs are announced
 * @param templates reply wording by kind (step-failed, approval-waiting ...); see {@code ReplyKind}
 * @param stateTopic compacted topic where the notifier keeps each run's state
 * @param initialBackoff first wait after a failed post, doubled up to {@code maxBackoff}
 * @param consoleUpdates whether the console sink prints every edit of a run's grid (true by default); a chat edits
 *     one message in place, a console can only print it again, which in a busy terminal is mostly noise
 */
@ConfigurationProperties("ferry.notifier")
public record NotifierProperties(
        Slack slack,
        String slackWebhookUrl,
        String jsonWebhookUrl,
        Channels channels,
        Map<String, String> templates,
        String stateTopic,
        Duration initialBackoff,
        Duration maxBackoff,
        Boolean consoleUpdates) {

    public NotifierProperties {
        slack = slack == null ? new Slack(null, null) : slack;
        channels = channels == null ? new Channels(null, null, null) : channels;
        templates = templates == null ? Map.of() : Map.copyOf(templates);
        stateTopic = blankToNull(stateTopic) == null ? "notifier.state" : stateTopic;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(1) : maxBackoff;
        consoleUpdates = consoleUpdates == null || consoleUpdates;
        slackWebhookUrl = blankToNull(slackWebhookUrl);
        jsonWebhookUrl = blankToNull(jsonWebhookUrl);
    }

    @Override
    public String toString() {
        return "NotifierProperties[sink=" + sinkName() + ", channels=" + channels + ", stateTopic=" + stateTopic + "]";
    }

    String sinkName() {
        if (slack.token() != null) {
            return "slack-web-api";
        }
        if (slackWebhookUrl != null) {
            return "slack-incoming-webhook";
        }
        return jsonWebhookUrl != null ? "json-webhook" : "console";
    }

    /**
     * @param token bot token (xoxb-...)
     * @param apiUrl Web API address ending in /api/; Slack's own when empty
     */
    public record Slack(String token, String apiUrl) {
        public Slack {
            token = blankToNull(token);
            apiUrl = blankToNull(apiUrl);
        }

        @Override
        public String toString() {
            return "Slack[token=" + (token == null ? "none" : "****") + ", apiUrl=" + apiUrl + "]";
        }
    }

    /**
     * @param defaultChannel channel of every run no plan setting routes elsewhere
     * @param alerts channel that also gets failures and approvals; none when empty
     * @param plans per plan name: its channel and channels of some of its environments
     */
    public record Channels(String defaultChannel, String alerts, Map<String, Plan> plans) {
        public Channels {
            defaultChannel = blankToNull(defaultChannel) == null ? "#ferry" : defaultChannel;
            alerts = blankToNull(alerts);
            plans = plans == null ? Map.of() : Map.copyOf(plans);
        }
    }

    public record Plan(String channel, Map<String, String> environments) {
        public Plan {
            channel = blankToNull(channel);
            environments = environments == null ? Map.of() : Map.copyOf(environments);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
