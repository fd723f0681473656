package org.openucwa.server;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
import org.openucwa.error.ErrorCode;
import org.openucwa.error.UcwaException;
import org.openucwa.events.EventChannel;
import org.openucwa.metrics.ConversationMetrics;
import org.openucwa.metrics.ServerMetrics;
import org.openucwa.people.ContactSearch;
import org.openucwa.people.LocalPresenceDirectory;
import org.openucwa.people.OwnPresence;
import org.openucwa.people.PhotoStore;
import org.openucwa.routing.LocalRouter;
import org.openucwa.web.AccessLog;
import org.openucwa.web.Endpoint;
import org.openucwa.web.HelidonServer;
import org.openucwa.web.Management;
import org.openucwa.web.Negotiation;
import org.openucwa.web.Paths;
import org.openucwa.web.RequestObserver;
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
  private final Directory directory;
  private final ServerMetrics metrics;
  private final EventsEndpoint eventsEndpoint;
  private volatile boolean ready;

  private UcwaServer(ServerConfig config, Directory directory) {
    this.config = config;
    this.directory = directory;
    Optional<HelidonServer.TlsMaterial> tls =
        config
            .tlsCert()
            .map(
                cert ->
                    new HelidonServer.TlsMaterial(
                        PemFiles.privateKey(config.tlsKey().orElseThrow()),
                        PemFiles.certificates(cert)));
    this.metrics = new ServerMetrics();
    Clock clock = Clock.systemUTC();
    SecureRandom random = new SecureRandom();
    TokenService tokens = new TokenService(random, clock, config.tokenLifetime());
    registry =
        new ApplicationRegistry(
            clock, random, config.applications(), config.channel(), Paths::events);
    ApplicationAssembler assembler = new ApplicationAssembler(PolicySet.standard());
    ApplicationEvents events = new ApplicationEvents(assembler);
    ApplicationEndpoints applications =
        new ApplicationEndpoints(registry, directory, assembler, events, clock);
    timers =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("conversation-timers").factory());
    LocalRouter router = new LocalRouter(Executors.newVirtualThreadPerTaskExecutor());
    ConversationAssembler conversationAssembler = new ConversationAssembler(directory);
    ConversationEvents conversationEvents = new ConversationEvents(conversationAssembler);
    ConversationMetrics conversationMetrics = metrics.conversations();
    ConversationService conversations =
        new ConversationService(
            directory,
            registry,
            router,
            clock,
            timers,
            config.invitationTimeout(),
            (app, changes) -> {
              conversationEvents.changed(app, changes);
              conversationMetrics.changed(app, changes);
            },
            random,
            new ConferenceFocus(router));
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
    eventsEndpoint = new EventsEndpoint(applications);
    endpoints.addAll(eventsEndpoint.endpoints());
    endpoints.addAll(
        new ConversationEndpoints(
                applications, conversations, conversationAssembler, config.maxMessageLength())
            .endpoints());
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
                                    .orElse(config.bind() + ":" + config.port())),
            config.accessLog() ? RequestObserver.all(new AccessLog(), metrics) : metrics));
    registerGauges();
    http =
        new HelidonServer(
            api.get(),
            config.bind(),
            config.port(),
            tls,
            config.maxBodyBytes(),
            config.channel().maxTimeout().plusSeconds(60),
            new Management(() -> ready, metrics::scrape),
            config.managementPort());
    sweeper =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("application-sweeper").factory());
  }

  private void registerGauges() {
    metrics.gauge("ucwa.applications", "Live applications", registry::size);
    metrics.gauge("ucwa.pgets.held", "Event channel requests (P-GETs) held", eventsEndpoint::held);
    metrics.gauge(
        "ucwa.event.queue.events",
        "Events queued for delivery, over all applications",
        () -> registry.all().stream().mapToLong(a -> a.events().queuedEvents()).sum());
    metrics.gauge(
        "ucwa.event.queue.max.events",
        "The longest event queue of any application",
        () -> registry.all().stream().mapToInt(a -> a.events().queuedEvents()).max().orElse(0));
  }

  /**
   * Starts a server; it accepts connections when this returns.
   *
   * @throws HelidonServer.BindException when it cannot listen where it was told to
   * @throws Flags.UsageException when the TLS key or certificate cannot be used
   */
  public static UcwaServer start(ServerConfig config, Directory directory) {
    UcwaServer s = new UcwaServer(config, directory);
    try {
      s.http.start();
    } catch (RuntimeException e) {
      s.sweeper.shutdownNow();
      s.timers.shutdownNow();
      s.metrics.close();
      throw e;
    }
    long every = config.sweepInterval().toMillis();
    s.sweeper.scheduleWithFixedDelay(s.registry::sweep, every, every, TimeUnit.MILLISECONDS);
    s.ready = true;
    return s;
  }

  /** The management port, when health and metrics are served apart from the API. */
  public java.util.OptionalInt managementPort() {
    return http.managementPort();
  }

  /** P-GETs held right now. */
  public int heldRequests() {
    return eventsEndpoint.held();
  }

  /** What a reload of the directory changed. */
  public record Reload(int users, Set<String> removed) {}

  /**
   * Takes a re-read users file in place of the directory: new users can sign in, changed passwords
   * apply from the next sign-in, and the applications of removed users end (their conversations
   * with them).
   *
   * @throws IllegalArgumentException if the new directory serves another domain
   */
  public Reload reload(Directory newer) {
    Set<String> removed = directory.replaceWith(newer);
    for (String uri : removed) {
      for (var app : registry.applicationsOf(uri)) {
        try {
          registry.delete(uri, app.id());
        } catch (UcwaException alreadyGone) {
          // deleted or expired meanwhile
        }
      }
    }
    return new Reload(newer.users().size(), removed);
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

  /**
   * Stops gracefully: not ready any more, every held P-GET answered 503 ServiceUnavailable (and any
   * that arrives meanwhile), then up to {@code grace} for requests in progress to finish, then the
   * listener closes.
   */
  public void shutdown(Duration grace) {
    ready = false;
    UcwaException goingAway =
        new UcwaException(ErrorCode.ServiceUnavailable, null, "The server is shutting down.");
    long deadline = System.nanoTime() + grace.toNanos();
    do {
      for (var app : registry.all()) {
        EventChannel channel = app.events();
        channel.close(goingAway);
      }
      if (http.inFlight() == 0) {
        break;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    } while (System.nanoTime() < deadline);
    sweeper.shutdownNow();
    timers.shutdownNow();
    http.stop();
    metrics.close();
  }

  @Override
  public void close() {
    shutdown(config.shutdownGrace());
  }
}
