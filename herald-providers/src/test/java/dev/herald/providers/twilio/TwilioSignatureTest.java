package dev.herald.providers.twilio;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioSignatureTest {
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final Map<String, String> PARAMS = Map.of(
            "CallSid", "CA1234567890ABCDE",
            "Caller", "+12349013030",
            "Digits", "1234",
            "From", "+12349013030",
            "To", "+18005551212");
    /*
     * The worked example in Twilio's security documentation (twilio.com/docs/usage/security). The value
     * "GdtwcBtwpRTUtGNXqJOnNkO7yzA=" sometimes quoted for it is not what the documented algorithm gives for these
     * inputs; HMAC-SHA1 over URL + sorted name/value pairs with key "12345" gives this one, as Twilio's page does.
     */
    private static final String DOCUMENTED_SIGNATURE = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

    private final TwilioSignature signature = new TwilioSignature("12345");

    @Test
    void signsTwiliosDocumentedExample() {
        assertThat(signature.sign(URL, PARAMS)).isEqualTo(DOCUMENTED_SIGNATURE);
    }

    @Test
    void acceptsTwiliosDocumentedExample() {
        assertThat(signature.isValid(URL, PARAMS, DOCUMENTED_SIGNATURE)).isTrue();
    }

    @Test
    void refusesAWrongSignature() {
        assertThat(signature.isValid(URL, PARAMS, "GdtwcBtwpRTUtGNXqJOnNkO7yzA=")).isFalse();
    }

    @Test
    void refusesATamperedParameter() {
        Map<String, String> tampered = new HashMap<>(PARAMS);
        tampered.put("Digits", "9999");

        assertThat(signature.isValid(URL, tampered, DOCUMENTED_SIGNATURE)).isFalse();
    }

    @Test
    void refusesAnotherUrl() {
        assertThat(signature.isValid("https://mycompany.com/myapp.php?foo=1&bar=3", PARAMS, DOCUMENTED_SIGNATURE))
                .isFalse();
    }

    @Test
    void refusesAMissingHeader() {
        assertThat(signature.isValid(URL, PARAMS, null)).isFalse();
        assertThat(signature.isValid(URL, PARAMS, "")).isFalse();
    }

    @Test
    void refusesASignatureMadeWithAnotherToken() {
        String forged = new TwilioSignature("54321").sign(URL, PARAMS);

        assertThat(signature.isValid(URL, PARAMS, forged)).isFalse();
    }
}
