package dev.ferry.planner.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * planner-service settings ({@code ferry.planner.*}).
 *
 * @param dataDirectory where the embedded PostgreSQL keeps its data and Debezium its offsets
 * @param database a PostgreSQL server to use instead of the embedded one
 * @param outbox the relay's name (replication slot, publication, transactional id) and how often it polls the log
 * @param retryTimer how often steps waiting for a retry are checked
 * @param catchUp how often the planner looks for runs another planner sharing its database started or changed
 * @param retention how long published outbox rows, handled event ids and GitHub deliveries are kept; an event
 *     redelivered later than this is no longer recognised as handled
 * @param security who may issue commands
 */
@ConfigurationProperties("ferry.planner")
public record PlannerProperties(
        @DefaultValue("${java.io.tmpdir}/ferry/planner") Path dataDirectory,
        @DefaultValue Database database,
        @DefaultValue Outbox outbox,
        @DefaultValue("200ms") Duration retryTimer,
        @DefaultValue("2s") Duration catchUp,
        @DefaultValue("7d") Duration retention,
        @DefaultValue Security security) {

    /** @param url empty for the embedded PostgreSQL */
    public record Database(
            @DefaultValue("") String url,
            @DefaultValue("postgres") String username,
            @DefaultValue("") String password) {

        @Override
        public String toString() {
            return "Database[url=" + url + ", username=" + username + "]";
        }
    }

    /**
     * @param pollInterval how long Debezium gathers log records before handing them to the relay: every hop waits up to
     *     this long, and Debezium spins rather than sleeps through the last millisecond of it, so 1 ms kept a core
     *     busy (a third of the planner's CPU in the 2000 burst) for a hop 2 ms shorter on average than 5 ms
     */
    public record Outbox(
            @DefaultValue("planner_outbox") String name,
            @DefaultValue("5ms") Duration pollInterval,
            @DefaultValue("120s") Duration startTimeout) {}

    /**
     * Command identity. With {@code jwkSetUri} set, every command must carry a token signed by a key of that JWKS
     * (and, when {@code issuer} is set, issued by it); the issuer's name and roles come from the token. Without it, the
     * planner trusts commands as declared (the embedded demo and a single-user setup) and says so at start.
     *
     * @param nameClaim the claim naming the person; {@code sub} when the token lacks it
     * @param rolesClaim the claim listing Ferry roles (viewer, operator, approver, approver:ENV, admin, or a role a
     *     phase's approvals name)
     * @param groupsClaim the claim listing the identity provider's groups
     * @param groupRoles Ferry roles given to the members of a group, e.g. {@code platform-team: [operator, approver]}
     * @param credentialHosts the hosts each credential may be sent to, e.g. {@code github-token: [github.com]}; a plan
     *     pointing a credential elsewhere is refused. Empty: nothing is checked
     * @param httpCommandsWithoutLogin without {@code jwkSetUri}, whether {@code POST /migrations/{id}/commands} (the
     *     dashboard's buttons) takes commands anyway, as a local user: no weaker than Kafka, where commands are then
     *     trusted as declared too. For one machine ({@code ferry demo}); off by default
     * @param dashboardClientId the dashboard's client at the identity provider (a public client allowed the planner's
     *     address as redirect URI): with it and {@code issuer}, the dashboard logs people in with OpenID Connect's
     *     authorization code and PKCE; without it, people paste a token
     */
    public record Security(
            @DefaultValue("") String jwkSetUri,
            @DefaultValue("") String issuer,
            @DefaultValue("preferred_username") String nameClaim,
            @DefaultValue("roles") String rolesClaim,
            @DefaultValue("groups") String groupsClaim,
            @DefaultValue Map<String, List<String>> groupRoles,
            @DefaultValue Map<String, List<String>> credentialHosts,
            @DefaultValue("false") boolean httpCommandsWithoutLogin,
            @DefaultValue("") String dashboardClientId) {

        /** Whether commands must carry a verified identity. */
        public boolean verifiesTokens() {
            return !jwkSetUri.isBlank();
        }
    }
}
