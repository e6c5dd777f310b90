package dev.herald.testkit.peers;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Google service-account key made at test time, whose token endpoint is a local peer (WireMock): as a file (the
 * installation's way) or as the JSON text (a tenant's integration).
 */
public final class FcmServiceAccount {
    private FcmServiceAccount() {
    }

    public static Path write(Path dir, String projectId, String tokenUri) throws IOException {
        Path file = dir.resolve("fcm-service-account.json");
        Files.writeString(file, json(projectId, tokenUri));
        return file;
    }

    /** The key's JSON with a fresh RSA key; {@code tokenUri} null leaves {@code token_uri} out (Google's applies). */
    public static String json(String projectId, String tokenUri) {
        KeyPair key;
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            key = rsa.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
        Map<String, String> json = new LinkedHashMap<>();
        json.put("type", "service_account");
        json.put("project_id", projectId);
        json.put("private_key_id", "key-1");
        json.put("private_key", Pem.of("PRIVATE KEY", key.getPrivate().getEncoded()));
        json.put("client_email", "herald@" + projectId + ".iam.gserviceaccount.com");
        json.put("client_id", "1234567890");
        if (tokenUri != null) {
            json.put("token_uri", tokenUri);
        }
        return JsonMapper.builder().build().writeValueAsString(json);
    }
}
