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

/** A Google service-account key file made at test time, whose token endpoint is a local peer (WireMock). */
public final class FcmServiceAccount {
    private FcmServiceAccount() {
    }

    public static Path write(Path dir, String projectId, String tokenUri) throws IOException {
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
        json.put("token_uri", tokenUri);
        Path file = dir.resolve("fcm-service-account.json");
        Files.writeString(file, JsonMapper.builder().build().writeValueAsString(json));
        return file;
    }
}
