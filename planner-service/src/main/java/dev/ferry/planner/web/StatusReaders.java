package dev.ferry.planner.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.planner.security.CommandIssuers;
import dev.ferry.planner.security.CommandTokens.Verdict;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may read runs: with an identity provider configured, reading the status API ({@code GET /migrations...}, the
 * change stream, the audit log and a run's plan among it) and checking a plan ({@code POST /plans/dry-run}) take a
 * verified token with a Ferry role, viewer at least. Runs name
 * repositories, services, errors and who approved what. Without one, the API is open, as docs/security.md says.
 */
final class StatusReaders extends OncePerRequestFilter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommandIssuers issuers;

    StatusReaders(CommandIssuers issuers) {
        this.issuers = issuers;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !issuers.verifies() || !readsRuns(request) && !checksPlan(request);
    }

    private static boolean readsRuns(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && request.getRequestURI().startsWith("/migrations");
    }

    /** A dry run reads nothing stored, but tells what the planner's configuration allows: for viewers, as runs are. */
    private static boolean checksPlan(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/plans/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Verdict verdict = issuers.verify(CommandIssuers.bearer(request.getHeader(HttpHeaders.AUTHORIZATION)));
        String refusal =
                switch (verdict) {
                    case Verdict.Refused refused -> refused.reason();
                    case Verdict.Verified verified
                    when verified.roles() != null && verified.roles().isEmpty() ->
                        verified.name() + " has no Ferry role; reading runs takes viewer at least";
                    case Verdict.Verified verified -> null;
                };
        if (refusal == null) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(401);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        response.setContentType("application/json");
        response.getOutputStream().write(JSON.writeValueAsBytes(Map.of("error", refusal)));
    }
}
