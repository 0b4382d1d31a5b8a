package org.openconversations.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openconversations.upstream.TestJson.items;
import static org.openconversations.upstream.TestJson.object;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatCompletionsModelTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String REPLY = ("{'id':'chatcmpl-1','object':'chat.completion','model':'m','choices':[{"
            + "'index':0,'message':{'role':'assistant','content':'Hello!'},'finish_reason':'stop'}],"
            + "'usage':{'prompt_tokens':12,'completion_tokens':3,'total_tokens':15}}").replace('\'', '"');

    private final UpstreamStandIn upstream = UpstreamStandIn.start();

    @AfterEach
    void stop() {
        upstream.close();
    }

    private ChatCompletionsModel model(ApiKeySource key) {
        return new ChatCompletionsModel(new UpstreamHttp(upstream.baseUrl(), key), ChatCompletionsModel.MAX_TOKENS);
    }

    private static ModelRequest request() {
        return new ModelRequest("llama3.1:8b", "Be brief.", items(
                "{'type':'message','id':'msg_1','status':'completed','role':'user',"
                        + "'content':[{'type':'input_text','text':'Hi'}]}"),
                object("{'temperature':0.2,'max_output_tokens':64}"));
    }

    @Test
    void posts_to_chat_completions_under_the_base_path() {
        upstream.reply(200, REPLY);

        model(ApiKeySource.none()).generate(request(), TIMEOUT);

        assertEquals("POST", upstream.onlyRequest().method());
        assertEquals("/v1/chat/completions", upstream.onlyRequest().path());
    }

    @Test
    void sends_the_key_as_a_bearer_token() {
        upstream.reply(200, REPLY);

        model(new EnvApiKeySource("UPSTREAM_API_KEY", "sk-test-123")).generate(request(), TIMEOUT);

        assertEquals("Bearer sk-test-123", upstream.onlyRequest().header("authorization"));
    }

    @Test
    void sends_no_authorization_without_a_key() {
        upstream.reply(200, REPLY);

        model(ApiKeySource.none()).generate(request(), TIMEOUT);

        assertNull(upstream.onlyRequest().header("authorization"));
    }

    @Test
    void sends_the_project_header_when_configured() {
        upstream.reply(200, REPLY);
        UpstreamHttp http = new UpstreamHttp(upstream.baseUrl(), ApiKeySource.none(), "b1gfolder");

        new ChatCompletionsModel(http, ChatCompletionsModel.MAX_TOKENS).generate(request(), TIMEOUT);

        assertEquals("b1gfolder", upstream.onlyRequest().header("openai-project"));
    }

    @Test
    void sends_no_project_header_by_default() {
        upstream.reply(200, REPLY);

        model(ApiKeySource.none()).generate(request(), TIMEOUT);

        assertNull(upstream.onlyRequest().header("openai-project"));
    }

    @Test
    void sends_json() {
        upstream.reply(200, REPLY);

        model(ApiKeySource.none()).generate(request(), TIMEOUT);

        assertEquals("application/json", upstream.onlyRequest().header("content-type"));
    }

    @Test
    void body_is_the_translated_request() {
        upstream.reply(200, REPLY);

        model(ApiKeySource.none()).generate(request(), TIMEOUT);

        assertEquals(TestJson.json("{'model':'llama3.1:8b','messages':[{'role':'system','content':'Be brief.'},"
                + "{'role':'user','content':'Hi'}],'temperature':0.2,'max_tokens':64}"),
                upstream.onlyRequest().json());
    }

    @Test
    void reply_becomes_the_result() {
        upstream.reply(200, REPLY);

        ModelResult result = model(ApiKeySource.none()).generate(request(), TIMEOUT);

        assertEquals("completed", result.status());
        assertEquals("Hello!", result.output().getFirst().at("/content/0/text").textValue());
        assertTrue(result.output().getFirst().get("id").textValue().startsWith("msg_"));
        assertEquals(15, result.usage().get("total_tokens").asLong());
    }

    @Test
    void trailing_slash_of_the_base_url_is_ignored() {
        upstream.reply(200, REPLY);
        UpstreamHttp http = new UpstreamHttp(URI.create(upstream.baseUrl() + "/"), ApiKeySource.none());

        new ChatCompletionsModel(http, ChatCompletionsModel.MAX_TOKENS).generate(request(), TIMEOUT);

        assertEquals("/v1/chat/completions", upstream.onlyRequest().path());
    }

    @Test
    void request_that_cannot_be_translated_is_rejected_before_any_call() {
        ModelRequest withHostedTool = new ModelRequest("m", null, request().context(),
                object("{'tools':[{'type':'web_search'}]}"));

        UpstreamException e = assertThrows(UpstreamException.class,
                () -> model(ApiKeySource.none()).generate(withHostedTool, TIMEOUT));

        assertEquals(UpstreamException.Kind.REJECTED, e.kind());
        assertEquals(0, upstream.requests().size());
    }

    private static ModelRequest askingForLogprobs() {
        return new ModelRequest("gpt-4o", null, request().context(),
                object("{'top_logprobs':1,'include':['message.output_text.logprobs']}"));
    }

    @Test
    void include_of_output_text_logprobs_asks_the_upstream_for_logprobs() {
        upstream.answerWithLogprobs("Hello", "!");

        model(ApiKeySource.none()).generate(askingForLogprobs(), TIMEOUT);

        assertEquals(TestJson.json("{'model':'gpt-4o','messages':[{'role':'user','content':'Hi'}],"
                + "'logprobs':true,'top_logprobs':1}"), upstream.onlyRequest().json());
    }

    @Test
    void upstream_logprobs_become_the_output_text_logprobs() {
        upstream.answerWithLogprobs("Hello", "!");

        ModelResult result = model(ApiKeySource.none()).generate(askingForLogprobs(), TIMEOUT);

        TestJson.assertJson("[{'token':'Hello','logprob':-0.5,'bytes':[72,101,108,108,111],"
                + "'top_logprobs':[{'token':'Hello','logprob':-0.5,'bytes':[72,101,108,108,111]}]},"
                + "{'token':'!','logprob':-0.5,'bytes':[33],'top_logprobs':[{'token':'!','logprob':-0.5,'bytes':[33]}]}]",
                result.output().getFirst().at("/content/0/logprobs"));
    }
}
