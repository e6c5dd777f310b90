package dev.herald.server.inbound;

import dev.herald.server.config.InboundProperties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The default host rule is AWS's: https on sns.<region>.amazonaws.com (or .com.cn), nothing that only looks like it. */
class SnsHostsTest {
    private final SnsHosts hosts = new SnsHosts(InboundProperties.AWS_SNS_HOSTS);

    @ParameterizedTest
    @ValueSource(strings = {
            "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem",
            "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn&Token=t",
            "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-x.pem",
            "https://SNS.US-EAST-1.AMAZONAWS.COM/cert.pem"})
    void snsHostsOverHttpsAreAllowed(String url) {
        assertThat(hosts.check(url)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://sns.us-east-1.amazonaws.com/cert.pem",
            "https://sns.us-east-1.amazonaws.com.evil.example/cert.pem",
            "https://evil.example/sns.us-east-1.amazonaws.com/cert.pem",
            "https://user@sns.us-east-1.amazonaws.com/cert.pem",
            "https://sqs.us-east-1.amazonaws.com/cert.pem",
            "https://sns.amazonaws.com/cert.pem",
            "file:///etc/passwd",
            "not a url"})
    void anythingElseIsRefused(String url) {
        assertThat(hosts.check(url)).isEmpty();
    }
}
