package dev.ferry.contracts;

import dev.ferry.contracts.avro.EventMetadata;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 instantiates generated classes (when decoding, and when a builder deep-copies a record) only from packages
 * it trusts, normally named by the system property org.apache.avro.SERIALIZABLE_PACKAGES. The contracts' entry points
 * ({@link Topics}, {@link MetadataFactory}, the codec) install that trust for the generated package when first used, so
 * no service fails at its first record for a forgotten JVM flag.
 */
public final class ContractsTrust {

    private static final String GENERATED_PACKAGE = EventMetadata.class.getPackageName();
    private static volatile boolean installed;

    private ContractsTrust() {}

    /** Idempotent; cheap after the first call. */
    public static void install() {
        if (installed) {
            return;
        }
        synchronized (ContractsTrust.class) {
            if (!installed) {
                ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                        ClassSecurityValidator.getGlobal(),
                        type -> type.getPackageName().equals(GENERATED_PACKAGE)));
                installed = true;
            }
        }
    }
}
