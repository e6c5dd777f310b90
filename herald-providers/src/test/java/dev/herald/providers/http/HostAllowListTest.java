package dev.herald.providers.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HostAllowListTest {
    // Every host is on the allow-list: what refuses them here is where they lead, not their name.
    private static final List<String> HOSTS = List.of("localhost", "127.0.0.1", "169.254.169.254", "10.0.0.1",
            "192.168.1.20", "172.16.5.5", "0.0.0.0", "224.0.0.1", "[::1]", "[fd00::1]", "[fe80::1]", "93.184.215.14");

    @ParameterizedTest
    @CsvSource({
            "https://localhost/hook, loopback",
            "https://127.0.0.1/hook, loopback",
            "https://169.254.169.254/latest/meta-data/, link-local",
            "https://10.0.0.1/hook, private",
            "https://192.168.1.20/hook, private",
            "https://172.16.5.5/hook, private",
            "https://0.0.0.0/hook, unspecified",
            "https://224.0.0.1/hook, multicast",
            "https://[::1]/hook, loopback",
            "https://[fd00::1]/hook, private",
            "https://[fe80::1]/hook, link-local"})
    void aUrlThatResolvesToAnInternalAddressIsRefusedUnlessAllowed(String url, String kind) {
        HostAllowList strict = new HostAllowList(HOSTS, false, false);

        assertThat(strict.check(url)).isInstanceOfSatisfying(HostAllowList.Verdict.Refused.class,
                refused -> assertThat(refused.reason()).contains("resolves to a " + kind + " address"));
        assertThat(new HostAllowList(HOSTS, false, true).check(url)).isInstanceOf(HostAllowList.Verdict.Allowed.class);
    }

    @Test
    void aPublicAddressIsAllowed() {
        assertThat(new HostAllowList(HOSTS, false, false).check("https://93.184.215.14/hook"))
                .isInstanceOf(HostAllowList.Verdict.Allowed.class);
    }

    @Test
    void aHostThatDoesNotResolveIsAPassingFailureNotARefusal() {
        HostAllowList list = new HostAllowList(List.of("no-such-host.invalid"), false, false);

        assertThat(list.check("https://no-such-host.invalid/hook"))
                .isInstanceOf(HostAllowList.Verdict.Unresolved.class);
    }
}
