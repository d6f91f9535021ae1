package dev.ferry.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/**
 * A generated record carries the schemas of the types it uses in its own {@code SCHEMA$}, and that copy, not the
 * type's class, decides the fingerprint its records go out under. A build that regenerated an enum but not the records
 * using it sent a new symbol's ordinal under the old schema, which no consumer could read.
 */
class GeneratedClassesTest {

    @Test
    void everyTypeACarriedRecordUsesIsTheSameSchemaAsItsOwnGeneratedClass() {
        for (Topic<?> topic : Topics.all()) {
            var nested = new LinkedHashMap<String, Schema>();
            namedTypesIn(topic.schema(), nested);
            nested.forEach((name, embedded) -> {
                Class<?> generated = SpecificData.get().getClass(embedded);
                assertThat(SpecificData.get().getSchema(generated))
                        .as(
                                "%s as embedded in %s, against %s.SCHEMA$",
                                name, topic.schema().getName(), name)
                        .isEqualTo(embedded);
            });
        }
    }

    private static void namedTypesIn(Schema schema, Map<String, Schema> found) {
        switch (schema.getType()) {
            case RECORD -> {
                if (found.putIfAbsent(schema.getFullName(), schema) == null) {
                    schema.getFields().forEach(field -> namedTypesIn(field.schema(), found));
                }
            }
            case ENUM, FIXED -> found.putIfAbsent(schema.getFullName(), schema);
            case ARRAY -> namedTypesIn(schema.getElementType(), found);
            case MAP -> namedTypesIn(schema.getValueType(), found);
            case UNION -> schema.getTypes().forEach(branch -> namedTypesIn(branch, found));
            default -> {}
        }
    }
}
