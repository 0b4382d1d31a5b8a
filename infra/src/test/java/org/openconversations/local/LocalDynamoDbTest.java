package org.openconversations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class LocalDynamoDbTest {

    /** This machine's addresses other than loopback, from every interface that is up. */
    private static List<InetAddress> otherAddresses() throws IOException {
        return NetworkInterface.networkInterfaces()
                .filter(nic -> {
                    try {
                        return nic.isUp() && !nic.isLoopback();
                    } catch (IOException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .toList();
    }

    @Test
    void serves_the_loopback_address_and_no_other() throws IOException {
        List<InetAddress> others = otherAddresses();
        // Without another address there is nothing to refuse connections on (README lists this skip).
        assumeFalse(others.isEmpty(), "this machine has no address but loopback to try");

        try (LocalDynamoDb dynamoDb = LocalDynamoDb.startInMemory()) {
            try (Socket loopback = new Socket(InetAddress.getLoopbackAddress(), dynamoDb.port())) {
                assertTrue(loopback.isConnected());
            }
            for (InetAddress address : others) {
                assertThrows(ConnectException.class, () -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(address, dynamoDb.port()), 2_000);
                    }
                }, "DynamoDB Local answered on " + address.getHostAddress());
            }
        }
    }

    @Test
    void keeps_what_it_stored_across_a_restart_on_the_same_directory(@TempDir Path dataDir) {
        try (LocalDynamoDb first = LocalDynamoDb.startPersistent(dataDir);
                DynamoDbClient client = DynamoDbClients.dynamoDb(first.endpoint())) {
            client.createTable(t -> t.tableName("kept")
                    .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .billingMode("PAY_PER_REQUEST"));
            client.putItem(p -> p.tableName("kept").item(Map.of("pk", AttributeValue.fromS("one"))));
        }

        try (LocalDynamoDb second = LocalDynamoDb.startPersistent(dataDir);
                DynamoDbClient client = DynamoDbClients.dynamoDb(second.endpoint())) {
            assertEquals("one", client.getItem(g -> g.tableName("kept")
                    .key(Map.of("pk", AttributeValue.fromS("one")))).item().get("pk").s());
        }
    }
}
