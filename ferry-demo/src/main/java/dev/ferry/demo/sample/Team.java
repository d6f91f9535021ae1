package dev.ferry.demo.sample;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The people who write the sample history, and when: working days and hours from a fixed start. Offsets are fixed
 * (no time-zone rules), so the same seed gives the same identities on any JDK.
 */
final class Team {

    /** @param services the services this person mostly works on */
    record Author(String name, String email, ZoneOffset offset, List<String> services) {
        PersonIdent at(Instant when) {
            return new PersonIdent(name, email, when, offset);
        }
    }

    /** Where the team works: Colombo, so days run 09:00 to 19:00 at +05:30. */
    private static final ZoneOffset OFFICE = ZoneOffset.ofHoursMinutes(5, 30);

    static final Author LEAD =
            new Author("Amara Perera", "amara.perera@fitsync.online", OFFICE, List.of("api-gateway"));

    static final List<Author> AUTHORS = List.of(
            LEAD,
            colombo("Kasun Silva", "kasun@fitsync.online", "user-service", "notification-service"),
            colombo("Nethmi Fernando", "nethmi.fernando@fitsync.online", "training-service", "frontend"),
            colombo("Dilan Jayasuriya", "dilan.j@fitsync.online", "schedule-service", "progress-service"),
            colombo("Ishara Wickramasinghe", "ishara@fitsync.online", "progress-service", "schedule-service"),
            colombo("Tharindu Bandara", "tharindu.bandara@fitsync.online", "frontend", "api-gateway"),
            new Author(
                    "Lena Hoffmann",
                    "lena.hoffmann@fitsync.online",
                    ZoneOffset.ofHours(1),
                    List.of("notification-service", "training-service")));

    static final Author DEPENDABOT = new Author(
            "dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", ZoneOffset.UTC, List.of());

    /** Committer of merges done in GitHub's pull request page. */
    static final Author GITHUB = new Author("GitHub", "noreply@github.com", ZoneOffset.UTC, List.of());

    private final Random random;
    private LocalDateTime now = LocalDateTime.of(2023, 1, 9, 9, 12);

    Team(Random random) {
        this.random = random;
    }

    /** Someone who mostly works on {@code service}, now and then anyone. */
    Author authorFor(String service) {
        List<Author> regulars = AUTHORS.stream()
                .filter(author -> author.services().contains(service))
                .toList();
        if (regulars.isEmpty() || random.nextInt(10) < 3) {
            return AUTHORS.get(random.nextInt(AUTHORS.size()));
        }
        return regulars.get(random.nextInt(regulars.size()));
    }

    Author anyone() {
        return AUTHORS.get(random.nextInt(AUTHORS.size()));
    }

    /** The time of the next commit: a few minutes to a few hours on, within working hours on a working day. */
    Instant next() {
        now = now.plusMinutes(7 + random.nextInt(160));
        if (now.getHour() >= 19 || now.getHour() < 9) {
            now = now.toLocalDate().plusDays(now.getHour() >= 19 ? 1 : 0).atTime(9, random.nextInt(45));
        }
        while (now.getDayOfWeek() == DayOfWeek.SATURDAY || now.getDayOfWeek() == DayOfWeek.SUNDAY) {
            now = now.plusDays(1);
        }
        return now.toInstant(OFFICE);
    }

    private static Author colombo(String name, String email, String... services) {
        return new Author(name, email, OFFICE, List.of(services));
    }
}
