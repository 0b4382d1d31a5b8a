package org.openconversations.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading which authorizer guards which route, and refusing what the gateway cannot run faithfully. */
class HttpApiAuthorizersTest {

    private static final String FUNCTIONS = """
              AuthFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: example.Authorizer::handleRequest
                  Environment:
                    Variables:
                      KEYS_TABLE: !Ref Keys
              Keys:
                Type: AWS::DynamoDB::Table
                Properties:
                  AttributeDefinitions: [{AttributeName: key_hash, AttributeType: S}]
                  KeySchema: [{AttributeName: key_hash, KeyType: HASH}]
              RouteFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: example.Route::handleRequest
                  Events:
                    Guarded:
                      Type: HttpApi
                      Properties: {ApiId: !Ref Api, Path: /v1/a, Method: GET}
                    Open:
                      Type: HttpApi
                      Properties: {ApiId: !Ref Api, Path: /v1/open, Method: GET, Auth: {Authorizer: NONE}}
            """;

    private static String template(String authorizer) {
        return """
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      Auth:
                        DefaultAuthorizer: Keys
                        Authorizers:
                          Keys:
                """ + authorizer.indent(12) + FUNCTIONS;
    }

    private static final String GOOD = """
            FunctionArn: !GetAtt AuthFunction.Arn
            AuthorizerPayloadFormatVersion: "2.0"
            EnableSimpleResponses: true
            Identity:
              Headers: [Authorization]
              ReauthorizeEvery: 60
            """;

    private static Map<String, AuthorizerDefinition> read(String authorizer) {
        return HttpApiAuthorizers.byRouteKey(CloudFormationTemplate.parse(template(authorizer)));
    }

    private static String refusal(String authorizer) {
        return assertThrows(IllegalArgumentException.class, () -> read(authorizer)).getMessage();
    }

    @Test
    void the_default_authorizer_guards_routes_that_do_not_opt_out() {
        Map<String, AuthorizerDefinition> byRoute = read(GOOD);

        assertEquals(Map.of("GET /v1/a", new AuthorizerDefinition("Keys", "AuthFunction", List.of("Authorization"),
                Duration.ofSeconds(60))), byRoute);
    }

    @Test
    void the_keys_table_comes_from_the_authorizer_functions_environment() {
        assertEquals(Optional.of("Keys"), HttpApiAuthorizers.keysTable(CloudFormationTemplate.parse(template(GOOD))));
    }

    @Test
    void without_reauthorize_every_nothing_is_cached() {
        assertEquals(Duration.ZERO, read(GOOD.replace("  ReauthorizeEvery: 60\n", "")).get("GET /v1/a")
                .reauthorizeEvery());
    }

    @Test
    void routes_of_the_implicit_api_use_globals_http_api_auth() {
        String yaml = """
                Globals:
                  HttpApi:
                    Auth:
                      DefaultAuthorizer: Keys
                      Authorizers:
                        Keys:
                """ + GOOD.indent(10) + """
                Resources:
                  AuthFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Authorizer::handleRequest
                  RouteFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Route::handleRequest
                      Events:
                        Any:
                          Type: HttpApi
                          Properties: {Path: /v1/a, Method: GET}
                """;
        assertEquals(List.of("GET /v1/a"),
                List.copyOf(HttpApiAuthorizers.byRouteKey(CloudFormationTemplate.parse(yaml)).keySet()));
    }

    @Test
    void a_template_without_auth_has_open_routes() {
        assertEquals(Map.of(), HttpApiAuthorizers.byRouteKey(CloudFormationTemplate.load(TestTemplates.GATEWAY)));
        assertEquals(Optional.empty(), HttpApiAuthorizers.keysTable(CloudFormationTemplate.load(TestTemplates.GATEWAY)));
    }

    @Test
    void what_cannot_be_run_as_api_gateway_would_fails_the_start() {
        assertTrue(refusal(GOOD.replace("\"2.0\"", "\"1.0\"")).contains("AuthorizerPayloadFormatVersion"));
        assertTrue(refusal(GOOD.replace("EnableSimpleResponses: true", "EnableSimpleResponses: false"))
                .contains("EnableSimpleResponses"));
        assertTrue(refusal(GOOD.replace("!GetAtt AuthFunction.Arn", "arn:aws:lambda:us-east-1:1:function:x"))
                .contains("FunctionArn"));
        assertTrue(refusal(GOOD.replace("!GetAtt AuthFunction.Arn", "!GetAtt Keys.Arn")).contains("FunctionArn"));
        assertTrue(refusal(GOOD.replace("Headers: [Authorization]", "QueryStrings: [key]")).contains("QueryStrings"));
        assertTrue(refusal(GOOD.replace("ReauthorizeEvery: 60", "ReauthorizeEvery: 7200")).contains("ReauthorizeEvery"));
        assertTrue(refusal("JwtConfiguration: {issuer: https://example.com}\nIdentitySource: $request.header.Authorization\n")
                .contains("JWT"));
    }

    @Test
    void a_default_authorizer_that_is_not_defined_fails_the_start() {
        String yaml = template(GOOD).replace("DefaultAuthorizer: Keys", "DefaultAuthorizer: Other");
        String message = assertThrows(IllegalArgumentException.class,
                () -> HttpApiAuthorizers.byRouteKey(CloudFormationTemplate.parse(yaml))).getMessage();
        assertTrue(message.contains("Other"), message);
    }

    @Test
    void an_api_id_that_is_not_an_http_api_fails_the_start() {
        String yaml = template(GOOD).replace("Properties: {ApiId: !Ref Api, Path: /v1/a", "Properties: {ApiId: !Ref Keys, Path: /v1/a");
        String message = assertThrows(IllegalArgumentException.class,
                () -> HttpApiAuthorizers.byRouteKey(CloudFormationTemplate.parse(yaml))).getMessage();
        assertTrue(message.contains("Keys"), message);
    }
}
