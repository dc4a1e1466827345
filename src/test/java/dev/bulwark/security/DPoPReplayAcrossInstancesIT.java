package dev.bulwark.security;

import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bulwark.lambda.ApiGatewayHandler;
import dev.bulwark.support.Api;
import dev.bulwark.support.ApiGatewayEvent;
import dev.bulwark.support.ApiIntegrationTest;
import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.AuditLog;
import dev.bulwark.support.DPoPKey;
import dev.bulwark.support.LambdaTransport;
import dev.bulwark.support.LocalLambda;
import dev.bulwark.support.Transport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A DPoP proof is taken once by the whole fleet, not once per instance: two Lambda instances behind the same edge
 * share the record of used proofs, so a proof one of them took is a replay at the other.
 */
class DPoPReplayAcrossInstancesIT extends ApiIntegrationTest {

	@ParameterizedTest
	@ValueSource(strings = { "http-api", "rest-api" })
	void proofTakenByOneInstanceIsRefusedByAnother(String edge) {
		Function<ApiGatewayHandler, Transport> events = edge.equals("http-api") ? LambdaTransport::httpApi
				: LambdaTransport::restApi;
		String url = "https://" + ApiGatewayEvent.DOMAIN
				+ (edge.equals("rest-api") ? "/" + ApiGatewayEvent.REST_API_STAGE : "") + "/me";
		Api first = new Api(events.apply(LocalLambda.handler()));
		Api second = new Api(events.apply(LocalLambda.handlerWith(Map.of(), "second instance")));
		DPoPKey key = DPoPKey.generate();
		String token = this.tokens.userWithDPoP(ALICE, key);
		String proof = key.proof("GET", url, token);

		ApiResponse taken = first.get("/me").dpop(token, proof).send();
		ApiResponse replayed = second.get("/me").dpop(token, proof).send();

		assertThat(taken.status()).as(taken.toString()).isEqualTo(200);
		assertProblem(replayed, 401);
		assertThat(replayed.header("WWW-Authenticate")).startsWith("DPoP error=\"invalid_dpop_proof\"");
		assertThat(AuditLog.shared().line(replayed.header("X-Request-Id")).fields()).containsEntry("bulwark.reason",
				AuthenticationFailure.PROOF_REPLAYED.code());
	}

}
