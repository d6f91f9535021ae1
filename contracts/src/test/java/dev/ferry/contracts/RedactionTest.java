package dev.ferry.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void removesAUrlsUserInfoABearerTokenAndASignedToken() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwYXQifQ.c2lnbmF0dXJl";
        String text = "push to https://x-access-token:ghp_leaked123@github.com/acme/shop.git failed; sent"
                + " Authorization: Bearer ghs_abc.def-ghi and token " + jwt + "; ssh://git@github.com/acme/x.git kept";

        assertThat(Redaction.redact(text))
                .isEqualTo("push to https://***@github.com/acme/shop.git failed; sent Authorization: Bearer *** and"
                        + " token ***; ssh://***@github.com/acme/x.git kept")
                .doesNotContain("ghp_leaked123", "ghs_abc", jwt);
    }

    @Test
    void leavesTextWithoutCredentialsAsItIs() {
        String text = "registry localhost:5000 answered 503 for shop/cart:cart-4f1c2ab (https://docs.example.com/a@b)";

        assertThat(Redaction.redact(text)).isEqualTo(text);
        assertThat(Redaction.redact(null)).isNull();
    }
}
