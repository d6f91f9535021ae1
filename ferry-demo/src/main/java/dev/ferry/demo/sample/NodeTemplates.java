package dev.ferry.demo.sample;

import java.util.List;
import java.util.stream.Collectors;

/** Files of a Node.js service that needs nothing but Node's standard library. */
final class NodeTemplates {

    static final String HTTP = """
            'use strict';

            function send(response, status, body) {
              response.writeHead(status, { 'content-type': 'application/json' });
              response.end(JSON.stringify(body));
            }

            module.exports = { send };
            """;

    private NodeTemplates() {}

    static String main(SampleService service) {
        return """
                'use strict';
                // %s: %s.
                const http = require('node:http');
                const config = require('./config');
                const { send } = require('./http');
                const { find } = require('./routes');

                const server = http.createServer((request, response) => {
                  const url = new URL(request.url, `http://${request.headers.host}`);
                  if (url.pathname === '/health') {
                    return send(response, 200, { status: 'ok', service: config.name });
                  }
                  const handler = find(request.method, url.pathname);
                  if (!handler) {
                    return send(response, 404, { error: `no route for ${request.method} ${url.pathname}` });
                  }
                  return handler(request, response, url);
                });

                server.listen(config.port, () => console.log(`${config.name} listening on ${config.port}`));
                """.formatted(service.name(), service.description());
    }

    static String packageJson(SampleService service, String version) {
        return """
                {
                  "name": "@fitsync/%s",
                  "version": "%s",
                  "private": true,
                  "description": "%s",
                  "main": "src/index.js",
                  "scripts": {
                    "start": "node src/index.js",
                    "test": "node --test tests/"
                  },
                  "engines": { "node": ">=20" }
                }
                """.formatted(service.name(), version, service.description());
    }

    static String config(SampleService service, int timeoutMillis) {
        return """
                'use strict';

                module.exports = {
                  name: '%s',
                  port: Number(process.env.PORT || %d),
                  requestTimeoutMs: %d,
                  logLevel: process.env.LOG_LEVEL || 'info',
                };
                """.formatted(service.name(), service.port(), timeoutMillis);
    }

    static String routes(String resource) {
        return """
                'use strict';
                const { send } = require('../http');

                const routes = [
                  { method: 'GET', path: '/%1$s', handler: (request, response) => send(response, 200, { %1$s: [] }) },
                  { method: 'POST', path: '/%1$s', handler: (request, response) => send(response, 201, { created: true }) },
                ];

                module.exports = { routes };
                """.formatted(resource);
    }

    static String index(List<String> resources) {
        String requires = resources.stream()
                .map(resource -> "  ...require('./" + resource + "').routes,")
                .collect(Collectors.joining("\n"));
        return """
                'use strict';

                const all = [
                %s
                ];

                function find(method, path) {
                  const route = all.find((candidate) => candidate.method === method && candidate.path === path);
                  return route && route.handler;
                }

                module.exports = { find };
                """.formatted(requires);
    }

    static String endpoint(String resource, String slug, String summary) {
        return """

                // %s
                routes.push({
                  method: 'GET',
                  path: '/%s/%s',
                  handler: (request, response) => send(response, 200, { feature: '%s' }),
                });
                """.formatted(summary, resource, slug, slug);
    }

    static String testFile(String resource) {
        return """
                'use strict';
                const test = require('node:test');
                const assert = require('node:assert');

                test('%s module loads', () => {
                  assert.ok(true);
                });
                """.formatted(resource);
    }

    static String testCase(String slug, String summary) {
        return """

                test('%s (%s)', () => {
                  assert.strictEqual(typeof '%s', 'string');
                });
                """.formatted(summary, slug, slug);
    }
}
