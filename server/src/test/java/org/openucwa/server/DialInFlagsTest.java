package org.openucwa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openucwa.meeting.DialInRegion;

class DialInFlagsTest {

  @Test
  void dialInRegionsAreNamesNumbersAndLanguagesInTheirOrder() {
    ServerConfig c =
        Flags.parse(
            new String[] {
              "--dial-in-regions", "Redmond=tel:+14255550001=en-US fr-FR, Paris=tel:+33155550001"
            },
            Map.of());

    assertThat(c.dialInRegions())
        .containsExactly(
            new DialInRegion("Redmond", "tel:+14255550001", List.of("en-US", "fr-FR")),
            new DialInRegion("Paris", "tel:+33155550001", List.of()));
    assertThat(Flags.parse(new String[0], Map.of()).dialInRegions()).isEmpty();
  }

  @Test
  void aRegionWithoutANumberOrWithAMalformedOneIsRefusedNamingTheFlag() {
    for (String bad : List.of("Redmond", "Redmond=14255550001", "=tel:+14255550001")) {
      assertThatThrownBy(() -> Flags.parse(new String[] {"--dial-in-regions", bad}, Map.of()))
          .hasMessageContaining("--dial-in-regions");
    }
  }
}
