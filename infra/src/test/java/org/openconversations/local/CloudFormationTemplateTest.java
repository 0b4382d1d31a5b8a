package org.openconversations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CloudFormationTemplateTest {

    private static final String INTRINSICS = """
            Resources:
              Thing:
                Type: Custom::Thing
                Properties:
                  Ref: !Ref Table
                  GetAtt: !GetAtt Table.StreamArn
                  Sub: !Sub "${Table.Arn}/index/by-name"
                  If: !If [IsProd, !Ref Table, !Ref AWS::NoValue]
                  Join: !Join ["", [a, !Ref Table]]
                  Condition: !Condition IsProd
                  Date: 2010-09-09
            """;

    @Test
    void reads_ref_short_form_as_ref_map() {
        assertEquals(Map.of("Ref", "Table"), property("Ref"));
    }

    @Test
    void reads_getatt_short_form_as_resource_and_attribute() {
        assertEquals(Map.of("Fn::GetAtt", List.of("Table", "StreamArn")), property("GetAtt"));
        assertEquals(Optional.of(new Intrinsics.GetAtt("Table", "StreamArn")), Intrinsics.getAtt(property("GetAtt")));
    }

    @Test
    void reads_sub_short_form_as_fn_sub() {
        assertEquals(Map.of("Fn::Sub", "${Table.Arn}/index/by-name"), property("Sub"));
    }

    @Test
    void reads_nested_short_forms_inside_sequences() {
        assertEquals(Map.of("Fn::If", List.of("IsProd", Map.of("Ref", "Table"), Map.of("Ref", "AWS::NoValue"))),
                property("If"));
        assertEquals(Map.of("Fn::Join", List.of("", List.of("a", Map.of("Ref", "Table")))), property("Join"));
        assertEquals(Map.of("Condition", "IsProd"), property("Condition"));
    }

    @Test
    void keeps_unquoted_dates_as_strings() {
        assertEquals("2010-09-09", property("Date"));
    }

    @Test
    void rejects_duplicate_keys() {
        assertThrows(RuntimeException.class, () -> CloudFormationTemplate.parse("""
                Resources:
                  A: {Type: X}
                  A: {Type: Y}
                """));
    }

    @Test
    void reads_table_keys_indexes_and_stream() {
        TableDefinition table = CloudFormationTemplate.load(TestTemplates.STREAMS).table("ThingsTable").orElseThrow();
        assertEquals("pk", table.partitionKey());
        assertEquals(Optional.of("sk"), table.sortKey());
        assertEquals(Optional.of("N"), table.attributeType("sk"));
        assertEquals("name", table.localSecondaryIndexes().get(0).sortKey().orElseThrow());
        assertEquals("KEYS_ONLY", table.localSecondaryIndexes().get(0).projectionType());
        assertEquals("status", table.globalSecondaryIndexes().get(0).partitionKey());
        assertEquals(Optional.of("NEW_AND_OLD_IMAGES"), table.streamViewType());
    }

    @Test
    void reads_http_api_events_of_functions() {
        FunctionDefinition function = CloudFormationTemplate.load(TestTemplates.GATEWAY)
                .function("ParameterFunction").orElseThrow();
        assertEquals(List.of("GET /v1/things/{thing_id}", "GET /v1/things/{thing_id}/parts/{part_id}"),
                function.httpApiEvents().stream().map(FunctionDefinition.HttpApiEvent::routeKey).toList());
        assertEquals("org.openconversations.local.fixtures.EchoHandler", function.handlerClassName());
        assertEquals("handleRequest", function.handlerMethodName());
    }

    @Test
    void upper_cases_http_api_methods() {
        FunctionDefinition function = CloudFormationTemplate.load(TestTemplates.GATEWAY)
                .function("GetWidgetsFunction").orElseThrow();
        assertEquals("GET /v1/widgets", function.httpApiEvents().get(0).routeKey());
    }

    @Test
    void reads_dynamodb_stream_events_of_functions() {
        FunctionDefinition.DynamoDbStreamEvent event = CloudFormationTemplate.load(TestTemplates.STREAMS)
                .function("FlakyFunction").orElseThrow().streamEvents().get(0);
        assertEquals(Optional.of("RetriesTable"), event.tableLogicalId());
        assertEquals(List.of("{\"eventName\": [\"REMOVE\"]}"), event.filterPatterns());
        assertEquals(10, event.batchSize());
        assertEquals(5, event.maximumRetryAttempts());
        assertEquals(List.of("ReportBatchItemFailures"), event.functionResponseTypes());
    }

    @Test
    void merges_global_environment_with_the_functions_own() {
        CloudFormationTemplate template = CloudFormationTemplate.parse("""
                Globals:
                  Function:
                    Timeout: 20
                    Environment:
                      Variables:
                        SHARED: global
                        OVERRIDDEN: global
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B::handleRequest
                      Environment:
                        Variables:
                          OVERRIDDEN: own
                          OWN: !Ref Table
                """);
        FunctionDefinition function = template.function("Fn").orElseThrow();
        assertEquals(Map.of("SHARED", "global", "OVERRIDDEN", "own", "OWN", Map.of("Ref", "Table")),
                function.environment());
        assertEquals(20, function.timeoutSeconds());
        assertTrue(function.httpApiEvents().isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static Object property(String name) {
        Map<String, Object> resource = CloudFormationTemplate.parse(INTRINSICS).resource("Thing").orElseThrow();
        return ((Map<String, Object>) resource.get("Properties")).get(name);
    }
}
