package dev.ferry.planner.web;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A request about a run this planner does not know: 404 with the id, from every controller of the status API. */
final class UnknownRun extends RuntimeException {

    UnknownRun(String id) {
        super("there is no run with id " + id);
    }

    @RestControllerAdvice
    static class Answer {
        @ExceptionHandler(UnknownRun.class)
        ResponseEntity<Map<String, String>> unknown(UnknownRun e) {
            return ResponseEntity.status(404)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("error", e.getMessage()));
        }
    }
}
