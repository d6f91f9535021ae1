package dev.ferry.planner.web.github;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The JSON body of every answer, e.g. {@code {"status":"accepted","event":"push","delivery":"..."}} or
 * {@code {"status":"unauthorized","error":"missing header X-Hub-Signature-256: ..."}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WebhookReply(String status, String event, String delivery, String error) {}
