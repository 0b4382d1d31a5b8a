package org.openconversations.store;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableMetadata;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A table schema written out by hand for rows whose attributes are strings, numbers, bytes or string maps.
 *
 * <p>Why not {@code StaticTableSchema}: it maps every attribute through the converter framework (resolved
 * attributes, converter chains, tag processing), about 90 more classes on every cold start and more work per
 * row, for four types that each take one line to convert. For the same reason no call a function makes per
 * request builds an Enhanced Client {@code Key} ({@link RowKeys}): its builder would load those converters.
 */
public final class RowSchema<T> implements TableSchema<T> {
    private final EnhancedType<T> itemType;
    private final Supplier<T> newRow;
    private final Map<String, Attribute<T>> attributes;
    private final List<String> names;
    private final TableMetadata metadata;

    private RowSchema(Builder<T> builder) {
        this.itemType = EnhancedType.of(builder.type);
        this.newRow = builder.newRow;
        this.attributes = Map.copyOf(builder.attributes);
        this.names = List.copyOf(builder.attributes.keySet());
        this.metadata = builder.metadata.build();
    }

    public static <T> Builder<T> builder(Class<T> type, Supplier<T> newRow) {
        return new Builder<>(type, newRow);
    }

    /** Null for a row with none of our attributes, as the Enhanced Client's own schemas answer. */
    @Override
    public T mapToItem(Map<String, AttributeValue> row) {
        if (row == null) return null;
        T item = null;
        for (Map.Entry<String, AttributeValue> entry : row.entrySet()) {
            Attribute<T> attribute = attributes.get(entry.getKey());
            if (attribute == null || Boolean.TRUE.equals(entry.getValue().nul())) continue;
            if (item == null) item = newRow.get();
            attribute.write().accept(item, entry.getValue());
        }
        return item;
    }

    @Override
    public Map<String, AttributeValue> itemToMap(T item, boolean ignoreNulls) {
        Map<String, AttributeValue> row = new LinkedHashMap<>();
        for (String name : names) {
            AttributeValue value = attributeValue(item, name);
            if (value != null) row.put(name, value);
            else if (!ignoreNulls) row.put(name, AttributeValue.fromNul(true));
        }
        return row;
    }

    @Override
    public Map<String, AttributeValue> itemToMap(T item, Collection<String> wanted) {
        Map<String, AttributeValue> row = new LinkedHashMap<>();
        for (String name : wanted) {
            AttributeValue value = attributeValue(item, name);
            if (value != null) row.put(name, value);
        }
        return row;
    }

    /** The attribute's value, or null when the row has none (the Enhanced Client then leaves it out). */
    @Override
    public AttributeValue attributeValue(T item, String name) {
        Attribute<T> attribute = attributes.get(name);
        if (attribute == null) throw new IllegalArgumentException("No attribute " + name + " in " + itemType);
        return attribute.read().apply(item);
    }

    @Override
    public TableMetadata tableMetadata() {
        return metadata;
    }

    @Override
    public EnhancedType<T> itemType() {
        return itemType;
    }

    @Override
    public List<String> attributeNames() {
        return names;
    }

    @Override
    public boolean isAbstract() {
        return false;
    }

    private record Attribute<T>(AttributeValueType type, Function<T, AttributeValue> read,
            BiConsumer<T, AttributeValue> write) {}

    /** Attributes in the order they are declared; keys named after the attribute they are. */
    public static final class Builder<T> {
        private final Class<T> type;
        private final Supplier<T> newRow;
        private final Map<String, Attribute<T>> attributes = new LinkedHashMap<>();
        private final StaticTableMetadata.Builder metadata = StaticTableMetadata.builder();

        private Builder(Class<T> type, Supplier<T> newRow) {
            this.type = type;
            this.newRow = newRow;
        }

        public Builder<T> string(String name, Function<T, String> getter, BiConsumer<T, String> setter) {
            return add(name, AttributeValueType.S, item -> {
                String value = getter.apply(item);
                return value == null ? null : AttributeValue.fromS(value);
            }, (item, value) -> setter.accept(item, value.s()));
        }

        public Builder<T> number(String name, Function<T, Long> getter, BiConsumer<T, Long> setter) {
            return add(name, AttributeValueType.N, item -> {
                Long value = getter.apply(item);
                return value == null ? null : AttributeValue.fromN(value.toString());
            }, (item, value) -> setter.accept(item, Long.valueOf(value.n())));
        }

        public Builder<T> bytes(String name, Function<T, SdkBytes> getter, BiConsumer<T, SdkBytes> setter) {
            return add(name, AttributeValueType.B, item -> {
                SdkBytes value = getter.apply(item);
                return value == null ? null : AttributeValue.fromB(value);
            }, (item, value) -> setter.accept(item, value.b()));
        }

        public Builder<T> stringMap(String name, Function<T, Map<String, String>> getter,
                BiConsumer<T, Map<String, String>> setter) {
            return add(name, AttributeValueType.M, item -> {
                Map<String, String> value = getter.apply(item);
                if (value == null) return null;
                Map<String, AttributeValue> map = new LinkedHashMap<>();
                value.forEach((key, text) -> map.put(key, AttributeValue.fromS(text)));
                return AttributeValue.fromM(map);
            }, (item, value) -> {
                Map<String, String> map = new LinkedHashMap<>();
                value.m().forEach((key, text) -> map.put(key, text.s()));
                setter.accept(item, map);
            });
        }

        public Builder<T> partitionKey(String name) {
            metadata.addIndexPartitionKey(TableMetadata.primaryIndexName(), name, typeOf(name));
            return this;
        }

        public Builder<T> sortKey(String name) {
            metadata.addIndexSortKey(TableMetadata.primaryIndexName(), name, typeOf(name));
            return this;
        }

        public Builder<T> indexPartitionKey(String index, String name) {
            metadata.addIndexPartitionKey(index, name, typeOf(name));
            return this;
        }

        public Builder<T> indexSortKey(String index, String name) {
            metadata.addIndexSortKey(index, name, typeOf(name));
            return this;
        }

        public RowSchema<T> build() {
            return new RowSchema<>(this);
        }

        private Builder<T> add(String name, AttributeValueType valueType, Function<T, AttributeValue> read,
                BiConsumer<T, AttributeValue> write) {
            if (attributes.putIfAbsent(name, new Attribute<>(valueType, read, write)) != null) {
                throw new IllegalArgumentException("Attribute " + name + " is declared twice");
            }
            return this;
        }

        private AttributeValueType typeOf(String name) {
            Attribute<T> attribute = attributes.get(name);
            if (attribute == null) throw new IllegalArgumentException("Declare attribute " + name + " before its key");
            return attribute.type();
        }
    }
}
