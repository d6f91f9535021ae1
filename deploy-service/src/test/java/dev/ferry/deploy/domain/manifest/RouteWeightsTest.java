package dev.ferry.deploy.domain.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.deploy.domain.StepFailure;
import dev.ferry.deploy.domain.manifest.TrafficRoute.Kind;
import org.junit.jupiter.api.Test;

/** Weights of the four route kinds read and written with only the numbers' characters changed. */
class RouteWeightsTest {

    private static final String VIRTUAL_SERVICE = """
            # auth traffic, edited by Ferry
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: auth
            spec:
              hosts: [auth.chat.svc.cluster.local]
              http:
                - match:
                    - uri: {prefix: /auth}
                  route:
                    - destination:
                        host: monolith   # the old code path
                      weight: 100
                    - destination: {host: auth-service, port: {number: 8080}}
                      weight:   0
            """;

    private static final String HTTP_ROUTE = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: auth, namespace: chat}
            spec:
              parentRefs: [{name: kong}]
              rules:
                - matches: [{path: {type: PathPrefix, value: /auth}}]
                  backendRefs:
                    - name: auth-service
                      port: 8080
                      weight: 0 # new
                    - name: monolith
                      port: 80
                      weight: 100
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: media}
            spec:
              rules:
                - backendRefs: [{name: media-service, port: 80, weight: 100}]
            """;

    private static final String ROLLOUT = """
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata:
              name: auth
            spec:
              strategy:
                canary:
                  canaryService: auth-canary
                  steps:
                    - setWeight: 0   # Ferry sets this
                    - pause: {}
            """;

    private static final String CANARY_INGRESS = """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: auth-canary
              annotations:
                nginx.ingress.kubernetes.io/canary: "true"
                nginx.ingress.kubernetes.io/canary-weight: '0'
            spec:
              ingressClassName: nginx
            """;

    private static final TrafficRoute ISTIO = new TrafficRoute(Kind.ISTIO, "auth", "auth-service");
    private static final TrafficRoute GATEWAY = new TrafficRoute(Kind.GATEWAY_API, "auth", "auth-service");

    @Test
    void setsTheIstioDestinationsWeightsKeepingEverythingElse() {
        var edited = (EditResult.Changed) RouteWeights.write("route.yaml", VIRTUAL_SERVICE, ISTIO, 25);

        assertThat(edited.text())
                .isEqualTo(VIRTUAL_SERVICE.replace("weight: 100", "weight: 75").replace("weight:   0", "weight:   25"));
        assertThat(edited.previous()).isEqualTo("0");
        assertThat(RouteWeights.read("route.yaml", edited.text(), ISTIO)).isEqualTo(25);
    }

    @Test
    void setsTheHttpRoutesBackendRefWeightsInItsOwnDocumentOnly() {
        var edited = (EditResult.Changed) RouteWeights.write("route.yaml", HTTP_ROUTE, GATEWAY, 10);

        assertThat(edited.text())
                .isEqualTo(HTTP_ROUTE
                        .replace("weight: 0 # new", "weight: 10 # new")
                        .replace("      weight: 100\n---", "      weight: 90\n---"));
        assertThat(RouteWeights.read("route.yaml", edited.text(), GATEWAY)).isEqualTo(10);
    }

    @Test
    void setsTheRolloutsOneSetWeightStep() {
        var route = new TrafficRoute(Kind.ARGO_ROLLOUTS, "auth", null);

        var edited = (EditResult.Changed) RouteWeights.write("rollout.yaml", ROLLOUT, route, 50);

        assertThat(edited.text()).isEqualTo(ROLLOUT.replace("setWeight: 0 ", "setWeight: 50 "));
        assertThat(RouteWeights.read("rollout.yaml", edited.text(), route)).isEqualTo(50);
    }

    @Test
    void setsTheCanaryWeightAnnotationInItsQuotes() {
        var route = new TrafficRoute(Kind.NGINX, "auth-canary", null);

        var edited = (EditResult.Changed) RouteWeights.write("ingress.yaml", CANARY_INGRESS, route, 100);

        assertThat(edited.text()).isEqualTo(CANARY_INGRESS.replace("canary-weight: '0'", "canary-weight: '100'"));
    }

    @Test
    void addsTheCanaryWeightAnnotationWhenTheCanaryHasNone() {
        var route = new TrafficRoute(Kind.NGINX, "auth-canary", null);
        String withoutWeight = CANARY_INGRESS.replace("    nginx.ingress.kubernetes.io/canary-weight: '0'\n", "");

        assertThat(RouteWeights.read("ingress.yaml", withoutWeight, route)).isZero();
        var edited = (EditResult.Changed) RouteWeights.write("ingress.yaml", withoutWeight, route, 10);

        assertThat(edited.text()).isEqualTo(CANARY_INGRESS.replace("canary-weight: '0'", "canary-weight: \"10\""));
    }

    @Test
    void reportsAWeightAlreadyInPlace() {
        assertThat(RouteWeights.write("route.yaml", VIRTUAL_SERVICE, ISTIO, 0))
                .isInstanceOf(EditResult.AlreadyCurrent.class);
    }

    @Test
    void namesTheFileAndRouteWhenTheRouteIsMissing() {
        assertThatThrownBy(() -> RouteWeights.write(
                        "gateway/route.yaml", HTTP_ROUTE, new TrafficRoute(Kind.GATEWAY_API, "login", "auth"), 10))
                .isInstanceOfSatisfying(
                        StepFailure.class, failure -> assertThat(failure.kind()).isEqualTo(StepFailure.Kind.NOT_FOUND))
                .hasMessage("gateway/route.yaml has no HTTPRoute named 'login' (found: HTTPRoute auth, HTTPRoute"
                        + " media); check the phase's route, routeKind and routeFile");
    }

    @Test
    void namesTheBackendWhenNoRuleRoutesToIt() {
        assertThatThrownBy(() -> RouteWeights.read(
                        "route.yaml", VIRTUAL_SERVICE, new TrafficRoute(Kind.ISTIO, "auth", "login-service")))
                .isInstanceOfSatisfying(
                        StepFailure.class, failure -> assertThat(failure.kind()).isEqualTo(StepFailure.Kind.NOT_FOUND))
                .hasMessageContaining("none of its http sends traffic to backend 'login-service'");
    }

    @Test
    void refusesARuleWithMoreThanTwoBackends() {
        String three = HTTP_ROUTE.replace(
                "      weight: 100\n---", "      weight: 100\n        - name: other\n          weight: 0\n---");

        assertThatThrownBy(() -> RouteWeights.write("route.yaml", three, GATEWAY, 10))
                .hasMessageContaining("splits traffic among 3 backends");
    }

    @Test
    void refusesAWeightOutsideZeroToHundred() {
        assertThatThrownBy(() -> RouteWeights.write("route.yaml", VIRTUAL_SERVICE, ISTIO, 101))
                .hasMessage("weight 101% is outside 0-100");
    }
}
