package org.lessonloop.accounts;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.lessonloop.config.LessonloopConfig;

/**
 * The configured OpenID provider as this server speaks to it (OpenID Connect Core 1.0 §3.1, the
 * authorization code flow, with PKCE, RFC 7636): its discovery document, its signing keys and its
 * token endpoint. Every method here blocks on the network, with timeouts: call it off the event loop.
 */
final class OidcProvider {
    /** A provider that takes longer than this to answer is treated as down: the person is told so at once. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_DOCUMENT_BYTES = 512 * 1024;
    /** Asymmetric signatures only: never "none", never an HMAC keyed with the client secret. */
    private static final Set<JWSAlgorithm> SIGNATURES = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private final LessonloopConfig.Oidc config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    /** Discovered on first use, and again after a failure (a provider down at our start is no reason to stay broken). */
    private volatile Endpoints endpoints;

    private record Endpoints(URI authorization, URI token, DefaultJWTProcessor<SecurityContext> processor) {
    }

    OidcProvider(LessonloopConfig.Oidc config) {
        this.config = config;
    }

    String label() {
        return config.label();
    }

    String issuer() {
        return config.issuer().toString();
    }

    /** Where the browser goes to sign in at the provider. */
    URI authorizationUrl(String state, String nonce, String codeChallenge, URI redirectUri) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", config.clientId());
        query.put("redirect_uri", redirectUri.toString());
        query.put("scope", "openid email profile");
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", codeChallenge);
        query.put("code_challenge_method", "S256");
        URI authorization = endpoints().authorization();
        String separator = authorization.getRawQuery() == null ? "?" : "&";
        return URI.create(authorization + separator + form(query));
    }

    /**
     * Trades the code for tokens and returns the ID token's claims once verified: signed by one of
     * the provider's keys, issued by it, for us (aud, and azp when there are several audiences),
     * not expired, and carrying this sign-in's nonce.
     */
    JWTClaimsSet exchange(String code, String codeVerifier, URI redirectUri, String nonce) {
        Endpoints known = endpoints();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", redirectUri.toString());
        body.put("code_verifier", codeVerifier);
        body.put("client_id", config.clientId());
        HttpRequest.Builder request = HttpRequest.newBuilder(known.token()).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(body)));
        config.clientSecret().ifPresent(secret -> request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((encode(config.clientId()) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8))));
        JsonObject tokens = json(send(request.build()), "token endpoint");
        String idToken = tokens.getString("id_token");
        if (idToken == null) {
            throw new OidcRefusal(OidcRefusal.Reason.PROVIDER, "the token response has no id_token");
        }
        try {
            JWTClaimsSet claims = known.processor().process(idToken, null);
            var verifier = new DefaultJWTClaimsVerifier<SecurityContext>(config.clientId(),
                    new JWTClaimsSet.Builder().issuer(issuer()).claim("nonce", nonce).build(), Set.of("sub", "iat", "exp", "nonce"));
            verifier.verify(claims, null);
            if (claims.getAudience().size() > 1 && !config.clientId().equals(claims.getStringClaim("azp"))) {
                throw new OidcRefusal(OidcRefusal.Reason.TOKEN, "the ID token has several audiences and another authorized party");
            }
            return claims;
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new OidcRefusal(OidcRefusal.Reason.TOKEN, "the ID token was refused: " + e.getMessage());
        }
    }

    private Endpoints endpoints() {
        Endpoints known = endpoints;
        if (known == null) {
            known = discover();
            endpoints = known;
        }
        return known;
    }

    /** OpenID Connect Discovery 1.0 §4: the document must name exactly the issuer we were configured with. */
    private Endpoints discover() {
        String issuer = issuer();
        URI document = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        JsonObject metadata = json(send(HttpRequest.newBuilder(document).timeout(TIMEOUT).header("Accept", "application/json").GET().build()),
                "discovery document");
        if (!issuer.equals(metadata.getString("issuer"))) {
            throw new OidcRefusal(OidcRefusal.Reason.UNAVAILABLE, "the discovery document names the issuer '"
                    + metadata.getString("issuer") + "', not the configured " + issuer);
        }
        try {
            URI authorization = URI.create(metadata.getString("authorization_endpoint"));
            URI token = URI.create(metadata.getString("token_endpoint"));
            var retriever = new DefaultResourceRetriever((int) TIMEOUT.toMillis(), (int) TIMEOUT.toMillis(), MAX_DOCUMENT_BYTES);
            JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create(metadata.getString("jwks_uri")).toURL(), retriever).build();
            var processor = new DefaultJWTProcessor<SecurityContext>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms(metadata), keys));
            // Claims are checked afterwards, against this sign-in's nonce.
            processor.setJWTClaimsSetVerifier((claims, context) -> { });
            return new Endpoints(authorization, token, processor);
        } catch (IOException | RuntimeException e) {
            throw new OidcRefusal(OidcRefusal.Reason.UNAVAILABLE, "the discovery document lacks a usable endpoint: " + e.getMessage());
        }
    }

    /** What the provider says it signs ID tokens with, of the asymmetric algorithms; RS256 when it says nothing (Discovery §3). */
    private static Set<JWSAlgorithm> algorithms(JsonObject metadata) {
        var named = metadata.getJsonArray("id_token_signing_alg_values_supported");
        if (named == null) {
            return Set.of(JWSAlgorithm.RS256);
        }
        Set<JWSAlgorithm> supported = named.stream().map(String::valueOf).map(JWSAlgorithm::parse)
                .filter(SIGNATURES::contains).collect(Collectors.toSet());
        if (supported.isEmpty()) {
            throw new OidcRefusal(OidcRefusal.Reason.UNAVAILABLE, "the provider signs ID tokens with no asymmetric algorithm we accept");
        }
        return supported;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            endpoints = null;
            throw new OidcRefusal(OidcRefusal.Reason.UNAVAILABLE, "the provider did not answer " + request.uri() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OidcRefusal(OidcRefusal.Reason.UNAVAILABLE, "interrupted");
        }
    }

    private JsonObject json(HttpResponse<String> response, String what) {
        if (response.statusCode() != 200) {
            if (what.startsWith("discovery")) {
                endpoints = null;
            }
            throw new OidcRefusal(what.startsWith("discovery") ? OidcRefusal.Reason.UNAVAILABLE : OidcRefusal.Reason.PROVIDER,
                    "the " + what + " answered " + response.statusCode());
        }
        try {
            return new JsonObject(response.body());
        } catch (DecodeException | ClassCastException e) {
            throw new OidcRefusal(OidcRefusal.Reason.PROVIDER, "the " + what + " is not a JSON object");
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
