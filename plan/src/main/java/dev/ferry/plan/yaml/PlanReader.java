package dev.ferry.plan.yaml;

import dev.ferry.plan.CredentialHosts;
import dev.ferry.plan.MigrationPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a plan file ({@code apiVersion: ferry.dev/v1}, {@code kind: MigrationPlan}) into a fully resolved
 * {@link MigrationPlan}, or fails with every problem it has, each with file, line, column and path.
 */
public final class PlanReader {

    private PlanReader() {}

    /** @throws InvalidPlanException listing every problem when the plan cannot be run */
    public static MigrationPlan read(String fileName, String yamlText) {
        return read(fileName, yamlText, CredentialHosts.unrestricted());
    }

    /**
     * Reads the plan, and refuses it when it would send a credential to a host configuration does not bind it to.
     *
     * @throws InvalidPlanException listing every problem when the plan cannot be run
     */
    public static MigrationPlan read(String fileName, String yamlText, CredentialHosts credentialHosts) {
        var problems = new Problems(fileName);
        Optional<PlanDraft> draft =
                YamlDocument.root(yamlText, problems).flatMap(root -> PlanDrafts.read(root, problems));
        draft.ifPresent(plan -> {
            new ReferenceChecks(plan, problems).check();
            new RequirementChecks(plan, problems).check();
            new ServiceChecks(plan, problems).check();
            new CredentialHostChecks(plan, problems, credentialHosts).check();
        });
        if (draft.isEmpty() || !problems.isEmpty()) {
            throw new InvalidPlanException(problems.all());
        }
        return PlanAssembly.assemble(draft.get(), yamlText);
    }

    /** Reads the file as UTF-8; problems name it as given. */
    public static MigrationPlan read(Path file) {
        try {
            return read(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read plan " + file + ": " + e.getMessage(), e);
        }
    }
}
