package dev.ferry.build.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /jobs/{name}/log}: a job's whole output as Ferry kept it (masked and bounded), as plain text. */
@RestController
public class JobLogController {

    private final JobLogFiles logs;

    public JobLogController(JobLogFiles logs) {
        this.logs = logs;
    }

    @GetMapping(value = "/jobs/{name}/log", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> log(@PathVariable String name) {
        return logs.read(name).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.status(404)
                .contentType(MediaType.TEXT_PLAIN)
                .body("no log of a job named " + name + " on this build-service\n"));
    }
}
