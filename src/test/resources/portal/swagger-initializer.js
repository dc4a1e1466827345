// The developer portal of the local run: Swagger UI on the API's own OpenAPI document. "Authorize" signs in through
// the Keycloak the document names, with the authorization code flow and PKCE, as the public client bulwark-web.
window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: window.location.origin + "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "StandaloneLayout",
    oauth2RedirectUrl: window.location.origin + "/docs/oauth2-redirect.html"
  });
  window.ui.initOAuth({
    clientId: "bulwark-web",
    usePkceWithAuthorizationCodeGrant: true,
    scopes: "openid"
  });
};
