package dev.ferry.demo.sample;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Files of the web front end: page sources, and the built static bundle an nginx image serves. */
final class WebTemplates {

    static final String INDEX_HTML = """
            <!doctype html>
            <html lang="en">
              <head>
                <meta charset="utf-8">
                <title>FitSync</title>
                <link rel="stylesheet" href="/assets/app.css">
              </head>
              <body>
                <div id="root"></div>
                <script src="/assets/app.js"></script>
              </body>
            </html>
            """;

    static final String CSS = """
            body { font-family: system-ui, sans-serif; margin: 0; }
            #root { max-width: 960px; margin: 0 auto; padding: 1rem; }
            """;

    static final String APP_JS = """
            'use strict';
            // Built bundle of src/ (committed so the image needs no build step).
            document.getElementById('root').textContent = 'FitSync';
            """;

    private WebTemplates() {}

    static String nginx(SampleService service) {
        return """
                server {
                  listen %d;
                  root /usr/share/nginx/html;
                  location / { try_files $uri /index.html; }
                  location /api/ { proxy_pass http://api-gateway:4000/; }
                }
                """.formatted(service.port());
    }

    static String packageJson(SampleService service, String version) {
        return """
                {
                  "name": "@fitsync/%s",
                  "version": "%s",
                  "private": true,
                  "description": "%s",
                  "scripts": { "build": "esbuild src/index.jsx --bundle --outfile=public/assets/app.js" }
                }
                """.formatted(service.name(), version, service.description());
    }

    static String page(String name) {
        return """
                export default function %s() {
                  return (
                    <section className="%s">
                      <h1>%s</h1>
                    </section>
                  );
                }
                """.formatted(name, name.toLowerCase(Locale.ROOT), name);
    }

    static String app(List<String> pages) {
        String imports = pages.stream()
                .map(page -> "import " + page + " from './pages/" + page + "';")
                .collect(Collectors.joining("\n"));
        String routes = pages.stream()
                .map(page -> "  { path: '/" + page.toLowerCase(Locale.ROOT) + "', page: " + page + " },")
                .collect(Collectors.joining("\n"));
        return """
                %s

                export const routes = [
                %s
                ];
                """.formatted(imports, routes);
    }

    static String section(String slug, String summary) {
        return """

                // %s
                export function %s() {
                  return <div data-feature="%s" />;
                }
                """.formatted(summary, SampleFiles.capitalized(camel(slug)), slug);
    }

    static String camel(String slug) {
        var out = new StringBuilder();
        boolean upper = false;
        for (char c : slug.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
