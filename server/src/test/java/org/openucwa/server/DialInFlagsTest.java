package org.openucwa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openucwa.meeting.AudioConferenceProvider;
import org.openucwa.meeting.DialInRegion;
import org.openucwa.meeting.MeetingCustomization;

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

  @Test
  void theAudioConferenceProviderAndTheMeetingTextsAreReadFromTheirFlags() {
    ServerConfig c =
        Flags.parse(
            new String[] {
              "--acp-toll-number", "tel:+14255550002",
              "--acp-toll-free-numbers", "tel:+18005550001, tel:+18005550002",
              "--acp-participant-passcode", "4711",
              "--meeting-disclaimer-title", "Meeting Confidentiality",
              "--meeting-disclaimer-body", "The matters of this meeting are confidential.",
              "--meeting-help-url", "http://meet.contoso.com/help",
              "--meeting-first-time-help-url", "https://meet.contoso.com/firstimehelp.html",
              "--meeting-legal-url", "http://meet.contoso.com/disclaimer.html",
              "--meeting-logo-url", "http://meet.contoso.com/companylogo.png",
              "--meeting-footer-text", "Confidential."
            },
            Map.of());

    MeetingCustomization m = c.meetingCustomization();
    assertThat(m.audioConferenceProvider())
        .contains(
            new AudioConferenceProvider(
                "tel:+14255550002",
                List.of("tel:+18005550001", "tel:+18005550002"),
                Optional.of("4711")));
    assertThat(m.disclaimerTitle()).contains("Meeting Confidentiality");
    assertThat(m.disclaimerBody()).contains("The matters of this meeting are confidential.");
    assertThat(m.invitationHelpUrl()).contains("http://meet.contoso.com/help");
    assertThat(m.enterpriseHelpUrl()).contains("https://meet.contoso.com/firstimehelp.html");
    assertThat(m.invitationLegalUrl()).contains("http://meet.contoso.com/disclaimer.html");
    assertThat(m.invitationLogoUrl()).contains("http://meet.contoso.com/companylogo.png");
    assertThat(m.invitationFooterText()).contains("Confidential.");
    assertThat(c.dialIn()).as("a provider alone gives phone access information").isTrue();
    ServerConfig none = Flags.parse(new String[0], Map.of());
    assertThat(none.meetingCustomization()).isEqualTo(MeetingCustomization.NONE);
    assertThat(none.dialIn()).isFalse();
  }

  @Test
  void aMalformedProviderOrMeetingTextIsRefusedNamingTheFlag() {
    Map<List<String>, String> bad =
        Map.of(
            List.of("--acp-toll-number", "14255550002"), "--acp-toll-number",
            List.of("--acp-toll-number", "tel:+14255550002", "--acp-toll-free-numbers", "800"),
                "--acp-toll-free-numbers",
            List.of("--acp-participant-passcode", "4711"), "--acp-toll-number",
            List.of("--meeting-help-url", "meet.contoso.com/help"), "--meeting-help-url",
            List.of("--meeting-logo-url", "javascript:alert(1)"), "--meeting-logo-url",
            List.of("--meeting-disclaimer-title", " "), "--meeting-disclaimer-title",
            List.of("--meeting-footer-text", "x".repeat(4097)), "--meeting-footer-text");
    bad.forEach(
        (args, flag) ->
            assertThatThrownBy(() -> Flags.parse(args.toArray(String[]::new), Map.of()))
                .as("%s", args)
                .hasMessageContaining(flag));
  }
}
