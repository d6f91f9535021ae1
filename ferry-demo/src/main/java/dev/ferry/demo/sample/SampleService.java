package dev.ferry.demo.sample;

import java.util.List;

/**
 * One service of the sample FitSync monorepo, as seed 000 describes it: where it lives, what it is written in, the
 * port it listens on, and the resources its API starts with and grows into.
 *
 * @param path directory in the monorepo, e.g. services/user-service
 * @param resources the resources its first commit serves, e.g. users, sessions
 * @param laterResources resources added one by one as the history goes on
 */
public record SampleService(
        String name,
        String path,
        Stack stack,
        int port,
        String description,
        List<String> resources,
        List<String> laterResources) {

    public SampleService {
        resources = List.copyOf(resources);
        laterResources = List.copyOf(laterResources);
    }

    /** What the service is written in; decides its files and its Dockerfile. */
    public enum Stack {
        NODE,
        PYTHON,
        STATIC_WEB
    }

    /** The seven services of seed 000, in its order. */
    public static final List<SampleService> FITSYNC = List.of(
            new SampleService(
                    "api-gateway",
                    "services/api-gateway",
                    Stack.NODE,
                    4000,
                    "API gateway and request routing",
                    List.of("routes", "auth"),
                    List.of("ratelimits", "cors", "tracing", "quotas", "webhooks", "versions")),
            new SampleService(
                    "user-service",
                    "services/user-service",
                    Stack.NODE,
                    3001,
                    "Authentication and user management",
                    List.of("users", "sessions"),
                    List.of("roles", "passwords", "profiles", "invitations", "devices", "consents")),
            new SampleService(
                    "training-service",
                    "services/training-service",
                    Stack.NODE,
                    3002,
                    "Training programs and workouts",
                    List.of("programs", "workouts"),
                    List.of("exercises", "plans", "sets", "templates", "equipment", "videos")),
            new SampleService(
                    "schedule-service",
                    "services/schedule-service",
                    Stack.PYTHON,
                    8003,
                    "Booking and availability",
                    List.of("bookings", "slots"),
                    List.of("trainers", "calendars", "waitlists", "holidays", "rooms", "reminders")),
            new SampleService(
                    "progress-service",
                    "services/progress-service",
                    Stack.PYTHON,
                    8004,
                    "Progress tracking and analytics",
                    List.of("metrics", "goals"),
                    List.of("measurements", "reports", "streaks", "badges", "exports", "insights")),
            new SampleService(
                    "notification-service",
                    "services/notification-service",
                    Stack.NODE,
                    3005,
                    "Multi-channel notifications",
                    List.of("notifications", "templates"),
                    List.of("emails", "sms", "push", "preferences", "digests", "deliveries")),
            new SampleService(
                    "frontend",
                    "frontend",
                    Stack.STATIC_WEB,
                    3000,
                    "Single-page web app",
                    List.of("dashboard", "login"),
                    List.of("bookings", "progress", "settings", "programs", "profile", "admin")));
}
