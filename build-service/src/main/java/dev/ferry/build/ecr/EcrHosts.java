package dev.ferry.build.ecr;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads ECR registry host names: {@code ACCOUNT.dkr.ecr[-fips].REGION.amazonaws.com[.cn]}. */
final class EcrHosts {

    private static final Pattern HOST =
            Pattern.compile("(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");

    /** Account and region of an ECR host. */
    record EcrHost(String account, String region) {}

    private EcrHosts() {}

    static Optional<EcrHost> parse(String host) {
        Matcher m = HOST.matcher(host);
        return m.matches() ? Optional.of(new EcrHost(m.group(1), m.group(2))) : Optional.empty();
    }
}
