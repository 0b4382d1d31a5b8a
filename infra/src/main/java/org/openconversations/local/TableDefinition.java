package org.openconversations.local;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code AWS::DynamoDB::Table} of the template. Locally the table is named after its logical id,
 * which is also what {@code !Ref Table} resolves to.
 */
public record TableDefinition(
        String logicalId,
        List<Attribute> attributeDefinitions,
        List<Key> keySchema,
        List<Index> localSecondaryIndexes,
        List<Index> globalSecondaryIndexes,
        Optional<String> streamViewType,
        Map<String, Object> properties) {

    /** One entry of AttributeDefinitions: name and scalar type (S, N or B). */
    public record Attribute(String name, String type) {
    }

    /** One entry of a KeySchema: attribute name and HASH or RANGE. */
    public record Key(String attributeName, String keyType) {
    }

    /** A local or global secondary index. */
    public record Index(String name, List<Key> keySchema, String projectionType, List<String> nonKeyAttributes) {

        public String partitionKey() {
            return TableDefinition.keyOfType(keySchema, "HASH").orElseThrow();
        }

        public Optional<String> sortKey() {
            return TableDefinition.keyOfType(keySchema, "RANGE");
        }
    }

    public String tableName() {
        return logicalId;
    }

    public String partitionKey() {
        return keyOfType(keySchema, "HASH").orElseThrow(
                () -> new IllegalStateException(logicalId + " has no HASH key"));
    }

    public Optional<String> sortKey() {
        return keyOfType(keySchema, "RANGE");
    }

    /** The AttributeType (S, N or B) the template declares for an attribute. */
    public Optional<String> attributeType(String attributeName) {
        return attributeDefinitions.stream()
                .filter(attribute -> attribute.name().equals(attributeName))
                .map(Attribute::type)
                .findFirst();
    }

    public Optional<Index> index(String name) {
        return java.util.stream.Stream.concat(localSecondaryIndexes.stream(), globalSecondaryIndexes.stream())
                .filter(index -> index.name().equals(name))
                .findFirst();
    }

    public Optional<Object> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    private static Optional<String> keyOfType(List<Key> keys, String type) {
        return keys.stream().filter(key -> key.keyType().equals(type)).map(Key::attributeName).findFirst();
    }
}
