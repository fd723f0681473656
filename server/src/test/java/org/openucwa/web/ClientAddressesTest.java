package org.openucwa.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openucwa.server.Flags;

class ClientAddressesTest {

  private final ClientAddresses behindProxy = new ClientAddresses(List.of("10.0.0.5"));

  @Test
  void aTrustedProxyNamesTheClientInTheEntryItAppended() {
    assertThat(behindProxy.of("10.0.0.5", Optional.of("6.6.6.6, 198.51.100.7")))
        .isEqualTo("198.51.100.7");
  }

  @Test
  void anyOtherPeerIsTheClientWhateverItsHeaderClaims() {
    assertThat(behindProxy.of("203.0.113.9", Optional.of("192.0.2.1"))).isEqualTo("203.0.113.9");
    assertThat(new ClientAddresses(List.of()).of("10.0.0.5", Optional.of("192.0.2.1")))
        .isEqualTo("10.0.0.5");
    assertThat(behindProxy.of("10.0.0.5", Optional.empty())).isEqualTo("10.0.0.5");
  }

  @Test
  void theFlagAndItsVariableGiveTheProxies() {
    assertThat(
            Flags.parse(new String[] {"--trusted-proxies", "10.0.0.5,10.0.0.6"}, Map.of())
                .trustedProxies())
        .containsExactly("10.0.0.5", "10.0.0.6");
    assertThat(Flags.parse(new String[0], Map.of("UCWA_TRUSTED_PROXIES", "::1")).trustedProxies())
        .containsExactly("::1");
  }
}
