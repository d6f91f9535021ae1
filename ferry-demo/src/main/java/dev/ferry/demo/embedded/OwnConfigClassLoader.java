package dev.ferry.demo.embedded;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.regex.Pattern;

/**
 * The process's class loader, except that a Spring Boot configuration file ({@code application.yml} and its kin)
 * is looked up only in one service's own jar.
 *
 * <p>Every Ferry service ships its defaults as {@code application.yml} at the root of its jar, which is right when
 * each runs in its own process. With all five on one class path, {@code classpath:application.yml} would find
 * whichever jar comes first, and the notifier would start with the planner's name and consumer group. Giving each
 * service's Spring context this loader as its resource loader keeps every service on its own defaults without
 * renaming them; classes still come from the shared parent, so the services exchange nothing but Kafka records.
 */
final class OwnConfigClassLoader extends ClassLoader {

    private static final Pattern CONFIG_FILE =
            Pattern.compile("(config/)?application(-[\\w.-]+)?\\.(yml|yaml|properties)");

    private final URLClassLoader ownJar;

    OwnConfigClassLoader(Class<?> application) {
        super("config-of-" + application.getSimpleName(), application.getClassLoader());
        URL codeSource = application.getProtectionDomain().getCodeSource().getLocation();
        // No parent: the lookup must not fall back to the other jars.
        this.ownJar = new URLClassLoader(new URL[] {codeSource}, null);
    }

    @Override
    public URL getResource(String name) {
        if (CONFIG_FILE.matcher(stripSlash(name)).matches()) {
            return ownJar.findResource(stripSlash(name));
        }
        return super.getResource(name);
    }

    private static String stripSlash(String name) {
        return name.startsWith("/") ? name.substring(1) : name;
    }
}
