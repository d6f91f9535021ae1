package dev.ferry.planner.yaml;

import dev.ferry.plan.CredentialHosts;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.yaml.InvalidPlanException;
import dev.ferry.plan.yaml.PlanReader;
import dev.ferry.planner.app.PlanDocuments;

/**
 * Plan documents carried by start commands, read with {@link PlanReader}; a new plan must send each credential only
 * to the hosts configuration binds it to.
 */
public final class YamlPlanDocuments implements PlanDocuments {
    private final CredentialHosts credentialHosts;

    public YamlPlanDocuments(CredentialHosts credentialHosts) {
        this.credentialHosts = credentialHosts;
    }

    @Override
    public MigrationPlan read(String planName, String document) {
        return read(planName, document, credentialHosts);
    }

    @Override
    public MigrationPlan readStarted(String planName, String document) {
        return read(planName, document, CredentialHosts.unrestricted());
    }

    private static MigrationPlan read(String planName, String document, CredentialHosts hosts) {
        try {
            return PlanReader.read(planName + ".yaml", document, hosts);
        } catch (InvalidPlanException invalid) {
            throw new IllegalArgumentException(invalid.getMessage(), invalid);
        }
    }
}
