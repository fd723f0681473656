package org.openucwa.web.meeting;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openucwa.application.Application;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.meeting.AudioConferenceProvider;
import org.openucwa.meeting.DialInRegion;
import org.openucwa.meeting.MeetingScheduler;
import org.openucwa.resource.Resource;
import org.openucwa.web.Endpoint;
import org.openucwa.web.Exchange;
import org.openucwa.web.Paths;
import org.openucwa.web.Reply;
import org.openucwa.web.application.ApplicationEndpoints;

/**
 * phoneDialInInformation (phoneDialInInformation_ref.md) and its dialInRegions
 * (dialInRegion_ref.md), from the regions the operator configured (decision 0057): the numbers a
 * phone user would dial and the user's conference id. No telephony answers them. Without configured
 * regions neither resource exists (404) nor is linked.
 */
public final class DialInEndpoints {

  private static final String HUB = Paths.APPLICATIONS + "/{app}/onlineMeetings";

  private final ApplicationEndpoints applications;
  private final MeetingScheduler scheduler;
  private final List<DialInRegion> regions;
  private final Optional<AudioConferenceProvider> provider;

  public DialInEndpoints(
      ApplicationEndpoints applications, MeetingScheduler scheduler, List<DialInRegion> regions) {
    this(applications, scheduler, regions, Optional.empty());
  }

  /**
   * @param provider the audio conference provider whose numbers and pass code replace the first
   *     region's number (decision 0052)
   */
  public DialInEndpoints(
      ApplicationEndpoints applications,
      MeetingScheduler scheduler,
      List<DialInRegion> regions,
      Optional<AudioConferenceProvider> provider) {
    this.applications = applications;
    this.scheduler = scheduler;
    this.regions = List.copyOf(regions);
    this.provider = provider;
  }

  /** Where an application's phoneDialInInformation is. */
  public static String href(String appId) {
    return Paths.onlineMeetings(appId) + "/phoneDialInInformation";
  }

  public List<Endpoint> endpoints() {
    return List.of(
        new Endpoint(
            HUB + "/phoneDialInInformation",
            "phoneDialInInformation",
            true,
            Map.of("GET", this::information)),
        new Endpoint(
            HUB + "/phoneDialInInformation/{region}",
            "dialInRegion",
            true,
            Map.of("GET", this::region)));
  }

  /**
   * The regions, the first as the default, and the conference id of the user's assigned meeting;
   * each scheduled meeting shows its own conferenceId. The numbers to call are the audio conference
   * provider's where there is one, else the default region's.
   */
  private Reply information(Exchange x) {
    Application app = configured(x);
    Optional<DialInRegion> first = regions.stream().findFirst();
    Resource.Builder b =
        Resource.builder("phoneDialInInformation", href(app.id()))
            .property("conferenceId", scheduler.assigned(app.user().uri()).conferenceId())
            .property("defaultRegion", first.map(DialInRegion::name).orElse(null))
            .property("externalDirectoryUri", x.absolute(DialInPageEndpoint.PATH))
            .property("internalDirectoryUri", x.absolute(DialInPageEndpoint.PATH))
            .property("isAudioConferenceProviderEnabled", provider.isPresent());
    if (provider.isPresent()) {
      AudioConferenceProvider p = provider.get();
      b.property("participantPassCode", p.participantPassCode().orElse(null))
          .property("tollFreeNumbers", p.tollFreeNumbers())
          .property("tollNumber", p.tollNumber());
    } else {
      b.property("tollNumber", first.map(DialInRegion::number).orElse(null));
    }
    b.embedAll(
        "dialInRegion",
        java.util.stream.IntStream.range(0, regions.size())
            .mapToObj(i -> region(app.id(), i))
            .toList());
    return Reply.ok(b.build());
  }

  private Reply region(Exchange x) {
    Application app = configured(x);
    String given = x.param("region");
    int index;
    try {
      index = Integer.parseInt(given) - 1;
    } catch (NumberFormatException e) {
      index = -1;
    }
    if (index < 0 || index >= regions.size()) {
      throw UcwaException.notFound(Subcode.ResourceNotFound, "There is no such dial-in region.");
    }
    return Reply.ok(region(app.id(), index));
  }

  private Resource region(String appId, int index) {
    DialInRegion r = regions.get(index);
    return Resource.builder("dialInRegion", href(appId) + "/" + (index + 1))
        .property("languages", r.languages())
        .property("name", r.name())
        .property("number", r.number())
        .build();
  }

  private Application configured(Exchange x) {
    Application app = applications.app(x);
    if (regions.isEmpty() && provider.isEmpty()) {
      throw UcwaException.notFound(
          Subcode.ResourceNotFound, "This server has no dial-in numbers configured.");
    }
    return app;
  }
}
