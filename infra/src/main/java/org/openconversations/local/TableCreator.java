package org.openconversations.local;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/** Creates the template's tables that do not exist yet, with their keys, indexes and streams. */
public final class TableCreator {

    private static final Logger LOG = LoggerFactory.getLogger(TableCreator.class);

    private final DynamoDbClient dynamoDb;

    public TableCreator(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    /** Returns the names of the tables it created. */
    public List<String> createMissing(List<TableDefinition> tables) {
        Set<String> existing = new HashSet<>();
        dynamoDb.listTablesPaginator().tableNames().forEach(existing::add);
        List<String> created = new ArrayList<>();
        for (TableDefinition table : tables) {
            if (existing.contains(table.tableName())) {
                continue;
            }
            dynamoDb.createTable(createRequest(table));
            dynamoDb.waiter().waitUntilTableExists(request -> request.tableName(table.tableName()));
            LOG.info("Created table {}", table.tableName());
            created.add(table.tableName());
        }
        return created;
    }

    static CreateTableRequest createRequest(TableDefinition table) {
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(table.tableName())
                .attributeDefinitions(table.attributeDefinitions().stream()
                        .map(attribute -> AttributeDefinition.builder()
                                .attributeName(attribute.name())
                                .attributeType(attribute.type())
                                .build())
                        .toList())
                .keySchema(keys(table.keySchema()));
        ProvisionedThroughput throughput = provisionedThroughput(table.properties().get("ProvisionedThroughput"));
        if (throughput == null) {
            request.billingMode(BillingMode.PAY_PER_REQUEST);
        } else {
            request.billingMode(BillingMode.PROVISIONED).provisionedThroughput(throughput);
        }
        if (!table.localSecondaryIndexes().isEmpty()) {
            request.localSecondaryIndexes(table.localSecondaryIndexes().stream()
                    .map(index -> LocalSecondaryIndex.builder()
                            .indexName(index.name())
                            .keySchema(keys(index.keySchema()))
                            .projection(projection(index))
                            .build())
                    .toList());
        }
        if (!table.globalSecondaryIndexes().isEmpty()) {
            request.globalSecondaryIndexes(table.globalSecondaryIndexes().stream()
                    .map(index -> GlobalSecondaryIndex.builder()
                            .indexName(index.name())
                            .keySchema(keys(index.keySchema()))
                            .projection(projection(index))
                            .provisionedThroughput(throughput)
                            .build())
                    .toList());
        }
        table.streamViewType().ifPresent(viewType -> request.streamSpecification(StreamSpecification.builder()
                .streamEnabled(true)
                .streamViewType(viewType)
                .build()));
        return request.build();
    }

    private static List<KeySchemaElement> keys(List<TableDefinition.Key> keys) {
        return keys.stream()
                .map(key -> KeySchemaElement.builder().attributeName(key.attributeName()).keyType(key.keyType()).build())
                .toList();
    }

    private static Projection projection(TableDefinition.Index index) {
        Projection.Builder projection = Projection.builder().projectionType(index.projectionType());
        if (!index.nonKeyAttributes().isEmpty()) {
            projection.nonKeyAttributes(index.nonKeyAttributes());
        }
        return projection.build();
    }

    private static ProvisionedThroughput provisionedThroughput(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        return ProvisionedThroughput.builder()
                .readCapacityUnits(Long.parseLong(String.valueOf(map.get("ReadCapacityUnits"))))
                .writeCapacityUnits(Long.parseLong(String.valueOf(map.get("WriteCapacityUnits"))))
                .build();
    }
}
