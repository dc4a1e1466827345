package dev.bulwark.lambda;

import org.junit.jupiter.api.Test;

import dev.bulwark.support.Api;
import dev.bulwark.support.ApiGatewayEvent;
import dev.bulwark.support.ApiIntegrationTest;
import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.LambdaTransport;
import dev.bulwark.support.LocalLambda;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Absolute URLs written by the Lambda runtime point where clients called the API, never at the servlet
 * emulation's placeholder host ({@code spring-serverless-web-proxy}).
 */
class PublicUrlsIT extends ApiIntegrationTest {

	private static final String DOMAIN = "https://" + ApiGatewayEvent.DOMAIN;

	private final Api httpApi = new Api(LambdaTransport.httpApi(LocalLambda.handler()));

	private final Api restApi = new Api(LambdaTransport.restApi(LocalLambda.handler()));

	@Test
	void httpApiLocationIsOnTheApiGatewayDomain() {
		ApiResponse created = this.httpApi.post("/orders").token(this.tokens.user(ALICE)).json(orderJson()).send();

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Location")).isEqualTo(DOMAIN + "/orders/" + created.json().get("id").asString());
	}

	@Test
	void restApiLocationIncludesTheStage() {
		ApiResponse created = this.restApi.post("/orders").token(this.tokens.user(ALICE)).json(orderJson()).send();

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Location"))
			.isEqualTo(DOMAIN + "/" + ApiGatewayEvent.REST_API_STAGE + "/orders/" + created.json().get("id").asString());
	}

	@Test
	void resourceMetadataIsOnTheApiGatewayDomain() {
		assertThat(this.httpApi.get("/orders").send().header("WWW-Authenticate"))
			.contains("resource_metadata=\"" + DOMAIN + "/.well-known/oauth-protected-resource\"");
		assertThat(this.restApi.get("/orders").send().header("WWW-Authenticate")).contains(
				"resource_metadata=\"" + DOMAIN + "/" + ApiGatewayEvent.REST_API_STAGE + "/.well-known/oauth-protected-resource\"");
	}

	@Test
	void hostHeaderSentByAClientDoesNotMoveHttpApiUrls() {
		ApiResponse created = this.httpApi.post("/orders")
			.token(this.tokens.user(ALICE))
			.header("Host", "evil.example")
			.json(orderJson())
			.send();

		assertThat(created.header("Location")).startsWith(DOMAIN + "/orders/");
	}

}
