package dev.ferry.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that hands the JVM's shared {@link KafkaTestBroker} to any test method or constructor asking for
 * one: {@code @ExtendWith(KafkaBrokerExtension.class)}, then a {@code KafkaTestBroker} parameter.
 */
public final class KafkaBrokerExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaTestBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return KafkaTestBroker.shared();
    }
}
