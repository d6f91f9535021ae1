package dev.ferry.demo.sample;

import dev.ferry.demo.sample.SampleService.Stack;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The files of a sample service, by stack: small apps that use only their language's standard library, so that an
 * image needs no install step (no RUN), a Dockerfile that Ferry's in-process builder builds without a network, and an
 * entrypoint whose {@code health} command answers on any base image with a shell.
 */
final class SampleFiles {

    private SampleFiles() {}

    /** The service's first commit, paths relative to its directory. */
    static Map<String, String> skeleton(SampleService service) {
        var files = new LinkedHashMap<String, String>();
        files.put("Dockerfile", dockerfile(service));
        files.put(ENTRYPOINT_FILE, entrypoint(service));
        files.put(".dockerignore", "node_modules\ntests\n*.md\n.git\n");
        files.put(
                "README.md",
                "# " + service.name() + "\n\n" + service.description() + ". Listens on port " + service.port()
                        + ".\n\n## Notes\n");
        files.put(manifestPath(service), manifest(service, "0.1.0"));
        files.put(configPath(service), config(service, 5000));
        for (String resource : service.resources()) {
            files.put(modulePath(service, resource), module(service, resource));
            files.put(testPath(service, resource), testFile(service, resource));
        }
        files.put(indexPath(service), index(service, service.resources()));
        switch (service.stack()) {
            case NODE -> {
                files.put("src/http.js", NodeTemplates.HTTP);
                files.put("src/index.js", NodeTemplates.main(service));
            }
            case PYTHON -> {
                files.put("app/__init__.py", "");
                files.put("app/main.py", PythonTemplates.main(service));
            }
            case STATIC_WEB -> {
                files.put("nginx.conf", WebTemplates.nginx(service));
                files.put("public/index.html", WebTemplates.INDEX_HTML);
                files.put("public/assets/app.css", WebTemplates.CSS);
                files.put("public/assets/app.js", WebTemplates.APP_JS);
            }
        }
        files.putAll(sharedCode(service));
        return files;
    }

    /**
     * The code seed 000 later moves into the shared libraries fitsync-common and fitsync-common-py ("Week 1 / Day 1-2:
     * Create Shared Libraries"): the user service's middleware and config modules, the schedule service's HTTP client
     * and the progress service's event publisher.
     */
    private static Map<String, String> sharedCode(SampleService service) {
        return switch (service.name()) {
            case "user-service" ->
                Map.of(
                        "src/middleware/auth.js",
                        "// JWT verification shared by the services\nmodule.exports = (req, res, next) => next();\n",
                        "src/config/logger.js",
                        "// Winston logger\nmodule.exports = console;\n");
            case "schedule-service" ->
                Map.of("utils/http_client.py", "def validate_user(token):\n    return token is not None\n");
            case "progress-service" -> Map.of("utils/event_publisher.py", "def publish(event):\n    print(event)\n");
            default -> Map.of();
        };
    }

    /** The entrypoint script in the service's directory, and where its Dockerfile puts it in the image. */
    static final String ENTRYPOINT_FILE = "docker-entrypoint.sh";

    static final String ENTRYPOINT_IN_IMAGE = "/usr/local/bin/docker-entrypoint.sh";

    /**
     * The image's runtime comes from the BASE_IMAGE build argument. Its default, scratch, is the one base image that
     * needs no registry, so the in-process builder builds the image offline; {@code ferry demo} gives a busybox base
     * (a shell and nothing else), on which the entrypoint's {@code health} answers; an image that serves is built
     * with e.g. BASE_IMAGE=node:20-alpine (a plan's {@code buildArgs}).
     */
    static String dockerfile(SampleService service) {
        String runtime =
                switch (service.stack()) {
                    case NODE -> "node:20-alpine";
                    case PYTHON -> "python:3.12-alpine";
                    case STATIC_WEB -> "nginx:1.27-alpine";
                };
        String header = """
                # %s: %s.
                # The runtime comes from BASE_IMAGE. Its default, scratch, needs no registry, so the image builds
                # offline (Ferry's in-process builder), but has no shell to start. `ferry demo` builds on a busybox
                # base, where `health` answers; for an image that serves, build with
                # --build-arg BASE_IMAGE=%s (in a Ferry plan: image buildArgs).
                # Standard library only: nothing to install, so no RUN step.
                ARG BASE_IMAGE=scratch
                FROM ${BASE_IMAGE}
                LABEL org.opencontainers.image.title="%s" org.opencontainers.image.vendor="FitSync"
                """.formatted(service.name(), service.description(), runtime, service.name());
        String body =
                switch (service.stack()) {
                    case NODE -> """
                    WORKDIR /app
                    ENV NODE_ENV=production PORT=%d
                    COPY package.json ./
                    COPY src/ ./src/
                    COPY %s %s
                    EXPOSE %d
                    USER 1000
                    ENTRYPOINT ["/bin/sh", "%s"]
                    CMD ["node", "src/index.js"]
                    """;
                    case PYTHON -> """
                    WORKDIR /app
                    ENV PYTHONUNBUFFERED=1 PORT=%d
                    COPY pyproject.toml ./
                    COPY app/ ./app/
                    COPY %s %s
                    EXPOSE %d
                    USER 1000
                    ENTRYPOINT ["/bin/sh", "%s"]
                    CMD ["python", "-m", "app.main"]
                    """;
                    case STATIC_WEB -> """
                    ENV PORT=%d
                    COPY nginx.conf /etc/nginx/conf.d/default.conf
                    COPY public/ /usr/share/nginx/html/
                    COPY %s %s
                    EXPOSE %d
                    ENTRYPOINT ["/bin/sh", "%s"]
                    CMD ["nginx", "-g", "daemon off;"]
                    """;
                };
        return header
                + body.formatted(
                        service.port(), ENTRYPOINT_FILE, ENTRYPOINT_IN_IMAGE, service.port(), ENTRYPOINT_IN_IMAGE);
    }

    /**
     * The image's entrypoint: {@code health} checks that the service's main file is in the image and prints
     * {@code ok <service>}; any other command is the service itself, run as the container's main process.
     */
    static String entrypoint(SampleService service) {
        String mainFile =
                switch (service.stack()) {
                    case NODE -> "/app/src/index.js";
                    case PYTHON -> "/app/app/main.py";
                    case STATIC_WEB -> "/usr/share/nginx/html/index.html";
                };
        return """
                #!/bin/sh
                # %1$s's entrypoint. `health` is its health check (what a probe runs: `docker run IMAGE health`);
                # any other command is the service itself (the image's CMD by default).
                set -eu
                if [ "${1:-}" = health ]; then
                  if [ ! -f %2$s ]; then
                    echo "%1$s: %2$s is missing from the image" >&2
                    exit 1
                  fi
                  echo "ok %1$s"
                  exit 0
                fi
                exec "$@"
                """.formatted(service.name(), mainFile);
    }

    static String manifestPath(SampleService service) {
        return service.stack() == Stack.PYTHON ? "pyproject.toml" : "package.json";
    }

    static String manifest(SampleService service, String version) {
        return switch (service.stack()) {
            case NODE -> NodeTemplates.packageJson(service, version);
            case PYTHON -> PythonTemplates.pyproject(service, version);
            case STATIC_WEB -> WebTemplates.packageJson(service, version);
        };
    }

    static String configPath(SampleService service) {
        return switch (service.stack()) {
            case NODE -> "src/config.js";
            case PYTHON -> "app/config.py";
            case STATIC_WEB -> "src/config.js";
        };
    }

    static String config(SampleService service, int timeoutMillis) {
        return switch (service.stack()) {
            case NODE, STATIC_WEB -> NodeTemplates.config(service, timeoutMillis);
            case PYTHON -> PythonTemplates.config(service, timeoutMillis);
        };
    }

    /** Where a resource's routes (or, for the web app, its page) live. */
    static String modulePath(SampleService service, String resource) {
        return switch (service.stack()) {
            case NODE -> "src/routes/" + resource + ".js";
            case PYTHON -> "app/routes/" + resource + ".py";
            case STATIC_WEB -> "src/pages/" + capitalized(resource) + ".jsx";
        };
    }

    static String module(SampleService service, String resource) {
        return switch (service.stack()) {
            case NODE -> NodeTemplates.routes(resource);
            case PYTHON -> PythonTemplates.routes(resource);
            case STATIC_WEB -> WebTemplates.page(capitalized(resource));
        };
    }

    /** The file that lists every resource module; it changes when a resource is added. */
    static String indexPath(SampleService service) {
        return switch (service.stack()) {
            case NODE -> "src/routes/index.js";
            case PYTHON -> "app/routes/__init__.py";
            case STATIC_WEB -> "src/App.jsx";
        };
    }

    static String index(SampleService service, List<String> resources) {
        return switch (service.stack()) {
            case NODE -> NodeTemplates.index(resources);
            case PYTHON -> PythonTemplates.index(resources);
            case STATIC_WEB ->
                WebTemplates.app(
                        resources.stream().map(SampleFiles::capitalized).toList());
        };
    }

    /** Text appended to a resource module for one new endpoint (or page section). */
    static String endpoint(SampleService service, String resource, String slug, String summary) {
        return switch (service.stack()) {
            case NODE -> NodeTemplates.endpoint(resource, slug, summary);
            case PYTHON -> PythonTemplates.endpoint(resource, slug, summary);
            case STATIC_WEB -> WebTemplates.section(slug, summary);
        };
    }

    static String testPath(SampleService service, String resource) {
        return switch (service.stack()) {
            case NODE -> "tests/" + resource + ".test.js";
            case PYTHON -> "tests/test_" + resource + ".py";
            case STATIC_WEB -> "tests/" + capitalized(resource) + ".test.jsx";
        };
    }

    static String testFile(SampleService service, String resource) {
        return switch (service.stack()) {
            case NODE, STATIC_WEB -> NodeTemplates.testFile(resource);
            case PYTHON -> PythonTemplates.testFile(resource);
        };
    }

    static String testCase(SampleService service, String slug, String summary) {
        return switch (service.stack()) {
            case NODE, STATIC_WEB -> NodeTemplates.testCase(slug, summary);
            case PYTHON -> PythonTemplates.testCase(slug, summary);
        };
    }

    static String capitalized(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }
}
