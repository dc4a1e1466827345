package dev.bulwark.security;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import dev.bulwark.web.ProblemResponses;

/**
 * Every refusal of the security layer as a problem body, in one place:
 * <ul>
 * <li>401 with the RFC 6750 {@code WWW-Authenticate} header. Why a token failed (which claim, which time) is told
 * to nobody: the description is always the same, so a response never echoes token contents and gives an attacker
 * no oracle. The reason is kept for the audit trail ({@link AuthenticationFailure}). A request of the DPoP
 * scheme, or with a token bound to a key, gets RFC 9449's {@code DPoP} challenge instead, with the proof
 * algorithms this API verifies; it is told whether the token or the proof failed, but not which check. A request
 * without credentials is offered both schemes.</li>
 * <li>403 with the {@code insufficient_scope} challenge of the request's scheme, for both the URL rules and the method-security
 * checks; an admin request from outside the admin networks says so ({@link AdminNetworkFilter}).</li>
 * <li>400 for a request the firewall refuses (path traversal, {@code ;} parameters, odd encodings), written here,
 * not left to a {@code sendError} that only a servlet container's error page would turn into a body.</li>
 * </ul>
 */
@Component
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

	private static final String INVALID_TOKEN = "The access token is invalid or has expired.";

	private static final String NOT_FROM_THIS_ADDRESS = "This request is not allowed from this address.";

	/** The error this problem is: RFC 9470's, where it is defined. */
	static final URI INSUFFICIENT_USER_AUTHENTICATION = URI
		.create("https://www.rfc-editor.org/rfc/rfc9470.html#section-3");

	private static final String DPOP_SCHEME = "DPoP";

	private static final String ALGORITHMS = String.join(" ", DPoPProofs.ALGORITHMS);

	private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();

	private final BearerTokenAccessDeniedHandler bearerAccessDenied = new BearerTokenAccessDeniedHandler();

	private final ProblemResponses problems;

	SecurityProblems(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		AuthenticationFailure reason = AuthenticationFailure.of(ex);
		reason.record(request);
		if (reason.dpop() || DPoPRequests.matches(request)) {
			String detail = dpopDetail(reason);
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
					dpopChallenge(reason.proof() ? OAuth2ErrorCodes.INVALID_DPOP_PROOF : OAuth2ErrorCodes.INVALID_TOKEN,
							detail));
			this.problems.write(request, response, HttpStatus.UNAUTHORIZED, detail);
			return;
		}
		if (ex instanceof OAuth2AuthenticationException) {
			this.bearerEntryPoint.commence(request, response, new InvalidBearerTokenException(INVALID_TOKEN));
			this.problems.write(request, response, HttpStatus.UNAUTHORIZED, INVALID_TOKEN);
			return;
		}
		this.bearerEntryPoint.commence(request, response, ex);
		// RFC 9449, section 7.1: either scheme will do, so both are offered, in one header (RFC 9110 allows a list
		// of challenges there), which every runtime passes on alike.
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, response.getHeader(HttpHeaders.WWW_AUTHENTICATE) + ", "
				+ DPOP_SCHEME + " algs=\"" + ALGORITHMS + "\"");
		this.problems.write(request, response, HttpStatus.UNAUTHORIZED, "A bearer access token is required.");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		if (DPoPRequests.matches(request)) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, dpopChallenge(OAuth2ErrorCodes.INSUFFICIENT_SCOPE,
					"The request requires higher privileges than provided by the access token."));
		}
		else {
			this.bearerAccessDenied.handle(request, response, ex);
		}
		this.problems.write(request, response, HttpStatus.FORBIDDEN,
				AdminNetworks.outside(request) ? NOT_FROM_THIS_ADDRESS : "The access token does not allow this request.");
	}

	/**
	 * An actuator endpoint asked for from outside the admin networks: refused whatever the token, so no bearer
	 * challenge (another token would not help).
	 */
	void outsideAdminNetworks(HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.problems.write(request, response, HttpStatus.FORBIDDEN, NOT_FROM_THIS_ADDRESS);
	}

	/**
	 * RFC 9470, section 3: a valid token, but not from a strong or recent enough authentication. The challenge
	 * tells the client what to ask the identity provider for; the problem says the same to a person.
	 */
	void stepUp(HttpServletRequest request, HttpServletResponse response, StepUpChallenge challenge)
			throws IOException {
		boolean dpop = DPoPRequests.matches(request);
		StringBuilder header = new StringBuilder(dpop ? DPOP_SCHEME : "Bearer")
			.append(" error=\"insufficient_user_authentication\"")
			.append(", error_description=\"")
			.append(challenge.description())
			.append("\", acr_values=\"")
			.append(challenge.acrValues())
			.append('"');
		if (challenge.maxAge() != null) {
			header.append(", max_age=").append(challenge.maxAge().toSeconds());
		}
		if (dpop) {
			header.append(", algs=\"").append(ALGORITHMS).append('"');
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, header.toString());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, challenge.description());
		problem.setType(INSUFFICIENT_USER_AUTHENTICATION);
		problem.setTitle("Insufficient user authentication");
		problem.setProperty("acr_values", challenge.acrValues());
		if (challenge.maxAge() != null) {
			problem.setProperty("max_age", challenge.maxAge().toSeconds());
		}
		this.problems.write(request, response, problem);
	}

	/**
	 * What a client of the DPoP scheme, or of a token bound to a key, is told: the token's problem, or that the
	 * proof is missing or failed (never which check, as for tokens).
	 */
	private static String dpopDetail(AuthenticationFailure reason) {
		return switch (reason) {
			case BOUND_TOKEN_AS_BEARER ->
				"This access token is bound to a key: send it with the DPoP scheme and a proof of that key.";
			case UNBOUND_TOKEN_AS_DPOP -> "Only a DPoP-bound access token can be sent with the DPoP scheme.";
			case DPOP_REQUIRED -> "This client must use DPoP-bound access tokens.";
			default -> reason.proof() ? "The DPoP proof is missing or invalid." : INVALID_TOKEN;
		};
	}

	/**
	 * RFC 9449, section 7.1: the error, and the proof algorithms this API verifies.
	 */
	private static String dpopChallenge(String error, String description) {
		return DPOP_SCHEME + " error=\"" + error + "\", error_description=\"" + description + "\", algs=\"" + ALGORITHMS
				+ "\"";
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException ex)
			throws IOException {
		this.problems.write(request, response, HttpStatus.BAD_REQUEST, "The request was refused.");
	}

}
