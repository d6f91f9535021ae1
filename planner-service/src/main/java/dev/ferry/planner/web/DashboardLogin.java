package dev.ferry.planner.web;

import dev.ferry.planner.config.PlannerProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /dashboard/login}: how the dashboard logs a person in, open to anyone like the login page of any site.
 * With an issuer and the dashboard's client id configured, the page runs OpenID Connect's authorization code flow
 * with PKCE against that issuer; otherwise it asks for a pasted token (when the planner verifies tokens at all).
 */
@RestController
final class DashboardLogin {

    /**
     * @param verifies whether this planner verifies tokens (reading runs then takes one)
     * @param issuer the identity provider the page sends people to; null when the page cannot log in by itself
     * @param clientId the dashboard's client at that provider; null then too
     */
    record Settings(boolean verifies, String issuer, String clientId) {}

    private final Settings settings;

    DashboardLogin(PlannerProperties properties) {
        var security = properties.security();
        boolean byProvider = security.verifiesTokens()
                && !security.issuer().isBlank()
                && !security.dashboardClientId().isBlank();
        this.settings = new Settings(
                security.verifiesTokens(),
                byProvider ? security.issuer() : null,
                byProvider ? security.dashboardClientId() : null);
    }

    @GetMapping("/dashboard/login")
    Settings settings() {
        return settings;
    }
}
