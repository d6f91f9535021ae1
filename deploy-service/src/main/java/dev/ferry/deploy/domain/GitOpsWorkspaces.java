package dev.ferry.deploy.domain;

/** Opens the local working copy of a GitOps branch; called once per target, the copy is then reused. */
public interface GitOpsWorkspaces {

    GitOpsWorkspace open(GitOpsTarget target);
}
