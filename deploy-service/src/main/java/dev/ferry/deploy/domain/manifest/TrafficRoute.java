package dev.ferry.deploy.domain.manifest;

import dev.ferry.deploy.domain.StepFailure;
import java.util.Objects;

/**
 * The route a traffic shift moves weight on: what kind of resource it is, its name in the GitOps file, and the new
 * backend whose weight the shift sets (the other one gets the rest).
 *
 * @param backend the destination host or subset (Istio) or backendRef name (Gateway API); unused by the kinds whose
 *     resource has one canary only (Argo Rollouts, NGINX)
 */
public record TrafficRoute(Kind kind, String name, String backend) {

    /** The resources whose weights Ferry edits. */
    public enum Kind {
        /** An Istio {@code VirtualService}: the {@code weight} of each {@code http[].route[]} destination. */
        ISTIO("VirtualService"),
        /** A Gateway API {@code HTTPRoute}: the {@code weight} of each {@code rules[].backendRefs[]} entry. */
        GATEWAY_API("HTTPRoute"),
        /** An Argo Rollouts {@code Rollout}: the {@code setWeight} step of its canary strategy. */
        ARGO_ROLLOUTS("Rollout"),
        /** An NGINX canary {@code Ingress}: its {@code nginx.ingress.kubernetes.io/canary-weight} annotation. */
        NGINX("Ingress");

        private final String resource;

        Kind(String resource) {
            this.resource = resource;
        }

        /** The Kubernetes kind of the resource that holds the weights. */
        public String resource() {
            return resource;
        }

        /** Whether the resource routes to several backends, so the route must say which one is new. */
        public boolean namesBackends() {
            return this == ISTIO || this == GATEWAY_API;
        }
    }

    public TrafficRoute {
        Objects.requireNonNull(kind, "kind");
        if (name == null || name.isBlank()) {
            throw StepFailure.invalid("the traffic shift names no route; set the phase's route");
        }
        if (kind.namesBackends() && (backend == null || backend.isBlank())) {
            throw StepFailure.invalid("a " + kind.resource() + " routes to several backends; set the phase's backend"
                    + " to the new one");
        }
    }

    @Override
    public String toString() {
        return kind.resource() + " " + name + (kind.namesBackends() ? " (backend " + backend + ")" : "");
    }
}
