package org.openucwa.server;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openucwa.application.ApplicationRegistry;
import org.openucwa.auth.ScopeTable;
import org.openucwa.auth.SignInThrottle;
import org.openucwa.auth.TokenService;
import org.openucwa.conversation.ConferenceFocus;
import org.openucwa.conversation.ConversationService;
import org.openucwa.directory.Directory;
import org.openucwa.meeting.InMemoryMeetingRepository;
import org.openucwa.meeting.MeetingConferences;
import org.openucwa.meeting.MeetingPolicy;
import org.openucwa.meeting.MeetingScheduler;
import org.openucwa.people.ContactSearch;
import org.openucwa.people.LocalPresenceDirectory;
import org.openucwa.people.OwnPresence;
import org.openucwa.people.PhotoStore;
import org.openucwa.routing.LocalRouter;
import org.openucwa.web.Endpoint;
import org.openucwa.web.HelidonServer;
import org.openucwa.web.Negotiation;
import org.openucwa.web.Paths;
import org.openucwa.web.UcwaApi;
import org.openucwa.web.application.ApplicationAssembler;
import org.openucwa.web.application.ApplicationEndpoints;
import org.openucwa.web.application.ApplicationEvents;
import org.openucwa.web.application.PolicySet;
import org.openucwa.web.batch.BatchEndpoint;
import org.openucwa.web.conversation.ConversationAssembler;
import org.openucwa.web.conversation.ConversationEndpoints;
import org.openucwa.web.conversation.ConversationEvents;
import org.openucwa.web.discovery.DiscoveryEndpoints;
import org.openucwa.web.discovery.TokenEndpoint;
import org.openucwa.web.events.EventsEndpoint;
import org.openucwa.web.meeting.JoinPageEndpoint;
import org.openucwa.web.meeting.MeetingAssembler;
import org.openucwa.web.meeting.MeetingEndpoints;
import org.openucwa.web.people.PeopleAssembler;
import org.openucwa.web.people.PeopleEndpoints;
import org.openucwa.web.people.PhotoEndpoints;
import org.openucwa.web.people.PresenceEndpoints;
import org.openucwa.web.xframe.XFrameEndpoint;
import org.openucwa.web.xframe.XFramePage;

/**
 * Wires the server together from a configuration and a directory, and runs it: the HTTP API, the
 * domain behind it, and a periodic sweep that expires idle applications. The one place where
 * concrete classes meet.
 */
public final class UcwaServer implements AutoCloseable {

  private final ServerConfig config;
  private final HelidonServer http;
  private final ApplicationRegistry registry;
  private final ScheduledExecutorService sweeper;
  private final ScheduledExecutorService timers;

  private UcwaServer(ServerConfig config, Directory directory) {
    this.config = config;
    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();
    TokenService tokens = new TokenService(random, clock, config.tokenLifetime());
    registry =
        new ApplicationRegistry(
            clock, random, config.applications(), config.channel(), Paths::events);
    MeetingScheduler meetings =
        new MeetingScheduler(
            new InMemoryMeetingRepository(), MeetingPolicy.standard(), clock, random);
    ApplicationAssembler assembler =
        new ApplicationAssembler(
            PolicySet.standard(), user -> meetings.assigned(user).onlineMeetingId());
    ApplicationEvents events = new ApplicationEvents(assembler);
    ApplicationEndpoints applications =
        new ApplicationEndpoints(registry, directory, assembler, events, clock);
    timers =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("conversation-timers").factory());
    LocalRouter router = new LocalRouter(Executors.newVirtualThreadPerTaskExecutor());
    ConversationAssembler conversationAssembler =
        new ConversationAssembler(directory, ref -> meetings.find(ref.focus(), ref.id()));
    ConversationService conversations =
        new ConversationService(
            directory,
            registry,
            router,
            clock,
            timers,
            config.invitationTimeout(),
            new ConversationEvents(conversationAssembler),
            random,
            new ConferenceFocus(router, new MeetingConferences(meetings, clock)));
    router.attach(conversations);
    registry.addListener(conversations);
    LocalPresenceDirectory presence =
        new LocalPresenceDirectory(registry, config.presence(), clock);
    PeopleAssembler people = new PeopleAssembler();
    PeopleEndpoints contacts =
        new PeopleEndpoints(applications, directory, new ContactSearch(directory), people);
    AtomicReference<UcwaApi> api = new AtomicReference<>();
    List<Endpoint> endpoints = new ArrayList<>();
    endpoints.addAll(new DiscoveryEndpoints().endpoints());
    endpoints.addAll(
        new TokenEndpoint(directory, tokens, SignInThrottle.standard(clock)).endpoints());
    endpoints.addAll(new XFrameEndpoint(new XFramePage(config.allowedOrigins())).endpoints());
    endpoints.addAll(applications.endpoints());
    endpoints.addAll(contacts.endpoints());
    endpoints.addAll(
        new PresenceEndpoints(
                applications,
                contacts,
                presence,
                new OwnPresence(registry, presence),
                people,
                events,
                clock)
            .endpoints());
    endpoints.addAll(new PhotoEndpoints(applications, contacts, new PhotoStore()).endpoints());
    endpoints.addAll(new EventsEndpoint(applications).endpoints());
    endpoints.addAll(
        new ConversationEndpoints(
                applications, conversations, conversationAssembler, config.maxMessageLength())
            .endpoints());
    endpoints.addAll(
        new MeetingEndpoints(applications, meetings, new MeetingAssembler()).endpoints());
    endpoints.addAll(new JoinPageEndpoint(meetings, clock).endpoints());
    endpoints.addAll(new BatchEndpoint(applications, api::get).endpoints());
    String scheme = config.tlsCert().isPresent() ? "https" : "http";
    api.set(
        new UcwaApi(
            endpoints,
            new Negotiation(),
            tokens,
            ScopeTable.fromReference(),
            request ->
                config
                    .publicUrl()
                    .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u)
                    .orElseGet(
                        () ->
                            scheme
                                + "://"
                                + request
                                    .header("host")
                                    .orElse(config.bind() + ":" + config.port()))));
    Optional<HelidonServer.Tls> tls =
        config.tlsCert().map(cert -> new HelidonServer.Tls(cert, config.tlsKey().orElseThrow()));
    http =
        new HelidonServer(
            api.get(),
            config.bind(),
            config.port(),
            tls,
            config.maxBodyBytes(),
            config.channel().maxTimeout().plusSeconds(60));
    sweeper =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("application-sweeper").factory());
  }

  /** Starts a server; it accepts connections when this returns. */
  public static UcwaServer start(ServerConfig config, Directory directory) {
    UcwaServer s = new UcwaServer(config, directory);
    s.http.start();
    long every = config.sweepInterval().toMillis();
    s.sweeper.scheduleWithFixedDelay(s.registry::sweep, every, every, TimeUnit.MILLISECONDS);
    return s;
  }

  public int port() {
    return http.port();
  }

  /** The URL the server is reached at: the public URL, or the bound address and port. */
  public String url() {
    return config
        .publicUrl()
        .orElseGet(
            () ->
                (config.tlsCert().isPresent() ? "https" : "http")
                    + "://"
                    + hostForUrl()
                    + ":"
                    + port());
  }

  private String hostForUrl() {
    String b = config.bind();
    return b.contains(":") ? "[" + b + "]" : b;
  }

  /** For measurements: the applications this node holds. */
  public ApplicationRegistry applications() {
    return registry;
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
    timers.shutdownNow();
    http.stop();
  }
}
