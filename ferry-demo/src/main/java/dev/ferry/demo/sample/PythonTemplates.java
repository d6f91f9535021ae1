package dev.ferry.demo.sample;

import java.util.List;
import java.util.stream.Collectors;

/** Files of a Python service that needs nothing but Python's standard library. */
final class PythonTemplates {

    private PythonTemplates() {}

    static String main(SampleService service) {
        return """
                \"\"\"%s: %s.\"\"\"
                import json
                from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

                from app import config
                from app.routes import find_route


                class Handler(BaseHTTPRequestHandler):
                    def do_GET(self):
                        self._dispatch("GET")

                    def do_POST(self):
                        self._dispatch("POST")

                    def _dispatch(self, method):
                        if self.path == "/health":
                            return self._send(200, {"status": "ok", "service": config.NAME})
                        handler = find_route(method, self.path)
                        if handler is None:
                            return self._send(404, {"error": f"no route for {method} {self.path}"})
                        status, body = handler(self)
                        return self._send(status, body)

                    def _send(self, status, body):
                        payload = json.dumps(body).encode()
                        self.send_response(status)
                        self.send_header("content-type", "application/json")
                        self.send_header("content-length", str(len(payload)))
                        self.end_headers()
                        self.wfile.write(payload)


                if __name__ == "__main__":
                    ThreadingHTTPServer(("0.0.0.0", config.PORT), Handler).serve_forever()
                """.formatted(service.name(), service.description());
    }

    static String pyproject(SampleService service, String version) {
        return """
                [project]
                name = "fitsync-%s"
                version = "%s"
                description = "%s"
                requires-python = ">=3.11"
                dependencies = []
                """.formatted(service.name(), version, service.description());
    }

    static String config(SampleService service, int timeoutMillis) {
        return """
                import os

                NAME = "%s"
                PORT = int(os.environ.get("PORT", "%d"))
                REQUEST_TIMEOUT_MS = %d
                LOG_LEVEL = os.environ.get("LOG_LEVEL", "info")
                """.formatted(service.name(), service.port(), timeoutMillis);
    }

    static String routes(String resource) {
        return """
                \"\"\"Routes for %1$s.\"\"\"

                ROUTES = [
                    ("GET", "/%1$s", lambda request: (200, {"%1$s": []})),
                    ("POST", "/%1$s", lambda request: (201, {"created": True})),
                ]
                """.formatted(resource);
    }

    static String index(List<String> resources) {
        String imports = resources.stream()
                .map(resource -> "from app.routes import " + resource)
                .collect(Collectors.joining("\n"));
        String modules = resources.stream().collect(Collectors.joining(", "));
        return """
                %s

                _ALL = [route for module in (%s,) for route in module.ROUTES]


                def find_route(method, path):
                    for candidate_method, candidate_path, handler in _ALL:
                        if candidate_method == method and candidate_path == path:
                            return handler
                    return None
                """.formatted(imports, modules);
    }

    static String endpoint(String resource, String slug, String summary) {
        return """

                # %s
                ROUTES.append(("GET", "/%s/%s", lambda request: (200, {"feature": "%s"})))
                """.formatted(summary, resource, slug, slug);
    }

    static String testFile(String resource) {
        return """
                import unittest

                from app.routes import %1$s


                class %2$sTest(unittest.TestCase):
                    def test_module_has_routes(self):
                        self.assertTrue(%1$s.ROUTES)
                """.formatted(resource, SampleFiles.capitalized(resource));
    }

    static String testCase(String slug, String summary) {
        return """

                    def test_%s(self):
                        \"\"\"%s\"\"\"
                        self.assertIsInstance("%s", str)
                """.formatted(slug.replace('-', '_'), summary, slug);
    }
}
