package org.openucwa.server;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openucwa.application.Application;
import org.openucwa.application.ApplicationRegistry;
import org.openucwa.audit.InvitationQuery;
import org.openucwa.audit.InvitationRecord;
import org.openucwa.audit.InvitationRecorder;
import org.openucwa.audit.InvitationStep;
import org.openucwa.auth.PasswordCheckPermits;
import org.openucwa.auth.ScopeTable;
import org.openucwa.auth.SignInThrottle;
import org.openucwa.auth.TokenKeys;
import org.openucwa.auth.TokenService;
import org.openucwa.cluster.ClusterNode;
import org.openucwa.cluster.ClusterPeople;
import org.openucwa.cluster.ClusterRouter;
import org.openucwa.conversation.ConferenceFocus;
import org.openucwa.conversation.ConferenceSignals;
import org.openucwa.conversation.ConversationChange;
import org.openucwa.conversation.ConversationListener;
import org.openucwa.conversation.ConversationService;
import org.openucwa.conversation.Signals;
import org.openucwa.directory.Directory;
import org.openucwa.directory.PasswordCheck;
import org.openucwa.directory.User;
import org.openucwa.error.ErrorCode;
import org.openucwa.error.UcwaException;
import org.openucwa.events.EventChannel;
import org.openucwa.history.HistoryRecorder;
import org.openucwa.history.HistoryStep;
import org.openucwa.history.HistoryWriter;
import org.openucwa.meeting.AudioConferenceProvider;
import org.openucwa.meeting.CachedMeetingRepository;
import org.openucwa.meeting.GuestMeetings;
import org.openucwa.meeting.MeetingConferences;
import org.openucwa.meeting.MeetingPolicy;
import org.openucwa.meeting.MeetingScheduler;
import org.openucwa.metrics.ConversationMetrics;
import org.openucwa.metrics.ServerMetrics;
import org.openucwa.people.ContactListSignals;
import org.openucwa.people.ContactLists;
import org.openucwa.people.ContactSearch;
import org.openucwa.people.ContactsAndGroupsSubscriptions;
import org.openucwa.people.Inactivity;
import org.openucwa.people.LocalPresenceDirectory;
import org.openucwa.people.OwnPresence;
import org.openucwa.people.OwnPrivacy;
import org.openucwa.people.OwnProfile;
import org.openucwa.people.PhotoStore;
import org.openucwa.people.PresenceDirectory;
import org.openucwa.people.PresenceSubscriptions;
import org.openucwa.people.PrivacyRelationships;
import org.openucwa.people.ProfileDirectory;
import org.openucwa.people.Profiles;
import org.openucwa.routing.Homes;
import org.openucwa.routing.LocalRouter;
import org.openucwa.routing.Router;
import org.openucwa.store.jdbc.Database;
import org.openucwa.store.jdbc.JdbcContactListStore;
import org.openucwa.store.jdbc.JdbcConversationHistory;
import org.openucwa.store.jdbc.JdbcInvitationLog;
import org.openucwa.store.jdbc.JdbcMeetingRepository;
import org.openucwa.store.jdbc.JdbcPrivacyRelationships;
import org.openucwa.store.jdbc.JdbcProfileStore;
import org.openucwa.store.jdbc.JdbcTokenKeyStore;
import org.openucwa.web.AccessLog;
import org.openucwa.web.AllowedHosts;
import org.openucwa.web.ClientAddresses;
import org.openucwa.web.Endpoint;
import org.openucwa.web.GuestGate;
import org.openucwa.web.HelidonServer;
import org.openucwa.web.Management;
import org.openucwa.web.Negotiation;
import org.openucwa.web.Paths;
import org.openucwa.web.RequestObserver;
import org.openucwa.web.UcwaApi;
import org.openucwa.web.admin.AdminEndpoints;
import org.openucwa.web.application.ApplicationAssembler;
import org.openucwa.web.application.ApplicationEndpoints;
import org.openucwa.web.application.ApplicationEvents;
import org.openucwa.web.application.PolicySet;
import org.openucwa.web.batch.BatchEndpoint;
import org.openucwa.web.conversation.ConversationAssembler;
import org.openucwa.web.conversation.ConversationEndpoints;
import org.openucwa.web.conversation.ConversationEvents;
import org.openucwa.web.conversation.OrganizerEndpoint;
import org.openucwa.web.discovery.DiscoveryEndpoints;
import org.openucwa.web.discovery.TokenEndpoint;
import org.openucwa.web.events.EventsEndpoint;
import org.openucwa.web.history.HistoryEndpoints;
import org.openucwa.web.history.HistoryEvents;
import org.openucwa.web.meeting.DialInEndpoints;
import org.openucwa.web.meeting.DialInPageEndpoint;
import org.openucwa.web.meeting.JoinPageEndpoint;
import org.openucwa.web.meeting.MeetingAssembler;
import org.openucwa.web.meeting.MeetingEndpoints;
import org.openucwa.web.people.GroupAssembler;
import org.openucwa.web.people.GroupEndpoints;
import org.openucwa.web.people.PeopleAssembler;
import org.openucwa.web.people.PeopleEndpoints;
import org.openucwa.web.people.PhotoEndpoints;
import org.openucwa.web.people.PresenceEndpoints;
import org.openucwa.web.people.PrivacyEndpoints;
import org.openucwa.web.people.ProfileEndpoints;
import org.openucwa.web.people.SubscriptionAssembler;
import org.openucwa.web.people.SubscriptionEndpoints;
import org.openucwa.web.xframe.XFrameEndpoint;
import org.openucwa.web.xframe.XFramePage;
import org.openucwa.writes.WriteBehind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the server together from a configuration and a directory, and runs it: the HTTP API, the
 * domain behind it, and a periodic sweep that expires idle applications. The one place where
 * concrete classes meet.
 */
public final class UcwaServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(UcwaServer.class);

  /**
   * How long the store's writers gather steps before writing a batch: long enough for a whole
   * invitation flow to fall into one batch (its steps folded into one row) even when hundreds of
   * flows run at once, short enough that the history and the record lag the flow by about a second
   * (decision 0040).
   */
  private static final Duration STORE_LINGER = Duration.ofMillis(1000);

  private static final int STORE_BATCH = 2_000;
  private static final int STORE_QUEUE = 20_000;

  /** Meetings kept in front of the store (decision 0050): how long, and how many. */
  private static final Duration MEETING_CACHE_TTL = Duration.ofSeconds(30);

  private static final int MEETING_CACHE_SIZE = 10_000;

  private final ServerConfig config;
  private final HelidonServer http;
  private final ApplicationRegistry registry;
  private final Inactivity inactivity;
  private final ScheduledExecutorService sweeper;
  private final ScheduledExecutorService timers;
  private final PasswordCheckPermits passwordChecks;
  private final Database database;
  private final WriteBehind<InvitationStep> invitationWrites;
  private final JdbcInvitationLog invitationLog;
  private final WriteBehind<HistoryStep> historyWrites;
  private final JdbcConversationHistory history;
  private final Directory directory;
  private final ServerMetrics metrics;
  private final EventsEndpoint eventsEndpoint;
  private final Optional<ClusterNode> cluster;
  private final LocalRouter localRouter;
  private volatile boolean ready;

  private UcwaServer(
      ServerConfig config,
      Directory directory,
      PasswordCheck passwords,
      Database database,
      Optional<ClusterNode> cluster) {
    this.config = config;
    this.database = database;
    this.cluster = cluster;
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
    Clock clock = config.clock();
    SecureRandom random = new SecureRandom();
    TokenService tokens =
        new TokenService(
            new TokenKeys(new JdbcTokenKeyStore(database), clock, random)
                .current(config.tokenLifetime()),
            clock,
            config.tokenLifetime());
    registry =
        new ApplicationRegistry(
            clock, random, config.applications(), config.channel(), Paths::events);
    CachedMeetingRepository meetingCache =
        new CachedMeetingRepository(
            new JdbcMeetingRepository(database), clock, MEETING_CACHE_TTL, MEETING_CACHE_SIZE);
    MeetingScheduler meetings =
        new MeetingScheduler(meetingCache, MeetingPolicy.standard(), clock, random);
    GuestMeetings guestMeetings = new GuestMeetings(meetings, clock);
    PrivacyRelationships privacy = new JdbcPrivacyRelationships(database);
    Profiles profiles = new Profiles(directory, privacy, new JdbcProfileStore(database));
    ApplicationAssembler assembler =
        new ApplicationAssembler(
            PolicySet.standard(),
            profiles,
            user -> meetings.assigned(user).onlineMeetingId(),
            config.dialIn());
    ApplicationEvents events = new ApplicationEvents(assembler);
    // a cancelled timer (an invitation answered in time) leaves the queue at once
    ScheduledThreadPoolExecutor conversationTimers =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().daemon().name("conversation-timers").factory());
    conversationTimers.setRemoveOnCancelPolicy(true);
    timers = conversationTimers;
    localRouter = new LocalRouter(Executors.newVirtualThreadPerTaskExecutor());
    Optional<ClusterRouter> clusterRouter =
        cluster.map(node -> new ClusterRouter(node, localRouter));
    Router router = clusterRouter.<Router>map(r -> r).orElse(localRouter);
    Homes homes = cluster.<Homes>map(node -> node).orElse(Homes.SINGLE_NODE);
    SubscriptionAssembler subscriptionAssembler = new SubscriptionAssembler();
    PresenceSubscriptions subscriptions =
        new PresenceSubscriptions(
            router, subscriptionAssembler, timers, config.subscriptions(), clock);
    registry.addListener(subscriptions);
    ContactLists contactLists =
        new ContactLists(
            directory,
            new JdbcContactListStore(database),
            router,
            ContactLists.DEFAULT_MAX_CONTACTS);
    LocalPresenceDirectory localPresence =
        new LocalPresenceDirectory(registry, config.presence(), clock, privacy);
    // what one user reads of another: answered by the owner's home node
    PresenceDirectory presence = localPresence;
    ProfileDirectory othersProfiles = profiles;
    if (cluster.isPresent()) {
      ClusterPeople remote =
          new ClusterPeople(cluster.get(), localPresence, profiles, Duration.ofSeconds(2));
      presence = remote;
      othersProfiles = remote;
    }
    PeopleAssembler people = new PeopleAssembler(othersProfiles);
    GroupAssembler groupAssembler = new GroupAssembler(people);
    ContactsAndGroupsSubscriptions contactsAndGroups =
        new ContactsAndGroupsSubscriptions(
            registry, groupAssembler, timers, config.subscriptions().minute(), clock);
    registry.addListener(contactsAndGroups);
    inactivity = new Inactivity(registry, localPresence, subscriptions, events::publish, clock);
    ApplicationEndpoints applications =
        new ApplicationEndpoints(
            registry, directory, assembler, events, clock, subscriptions, homes, inactivity);
    ConversationAssembler conversationAssembler =
        new ConversationAssembler(
            directory,
            ref -> meetings.find(ref.focus(), ref.id()),
            config.dialIn(),
            config.meetingCustomization());
    invitationLog = new JdbcInvitationLog(database);
    invitationWrites =
        new WriteBehind<>(
            "invitation-record",
            new WriteBehind.Sink<>() {
              @Override
              public void write(List<InvitationStep> batch) throws Exception {
                invitationLog.append(batch);
              }

              @Override
              public void writeHeld(boolean all) throws Exception {
                invitationLog.writeHeld(all);
              }
            },
            STORE_QUEUE,
            STORE_BATCH,
            STORE_LINGER,
            Duration.ofMillis(500),
            Duration.ofSeconds(30));
    ConversationMetrics conversationMetrics = metrics.conversations();
    ConversationEvents conversationEvents = new ConversationEvents(conversationAssembler);
    InvitationRecorder recorder = new InvitationRecorder(invitationWrites, clock);
    history = new JdbcConversationHistory(database);
    HistoryEvents historyEvents = new HistoryEvents(registry);
    historyWrites =
        new WriteBehind<>(
            "conversation-history",
            new HistoryWriter(history, historyEvents::written),
            STORE_QUEUE,
            STORE_BATCH,
            STORE_LINGER,
            Duration.ofMillis(500),
            Duration.ofSeconds(30));
    HistoryRecorder historyRecorder =
        new HistoryRecorder(
            historyWrites, uri -> directory.find(uri).map(User::name).orElse(uri), clock);
    ConversationListener conversationListener =
        new ConversationListener() {
          @Override
          public void changed(Application application, List<ConversationChange> changes) {
            conversationEvents.changed(application, changes);
            if (config.invitationRecord()) {
              recorder.changed(application, changes);
            }
            historyRecorder.changed(application, changes);
            conversationMetrics.changed(application, changes);
          }

          @Override
          public void undelivered(User invitee, Signals.Invite invite, Instant at) {
            historyRecorder.undelivered(invitee, invite, at);
          }
        };
    ConferenceFocus focus = new ConferenceFocus(router, new MeetingConferences(meetings, clock));
    meetings.onUpdate(m -> focus.meetingChanged(m.onlineMeetingId()));
    ConversationService conversations =
        new ConversationService(
            directory,
            registry,
            router,
            clock,
            timers,
            config.invitationTimeout(),
            conversationListener,
            random,
            focus);
    localRouter.attach(
        signal -> {
          if (PresenceSubscriptions.handles(signal)) {
            subscriptions.receive(signal);
          } else if (signal instanceof ContactListSignals.Changed changed) {
            contactsAndGroups.receive(changed);
            subscriptions.groupChanged(changed.to(), changed.changes());
          } else {
            if (signal instanceof ConferenceSignals.MeetingChanged changed) {
              meetingCache.forget(changed.conference()); // perhaps changed on another node
            }
            conversations.receive(signal);
          }
        });
    registry.addListener(conversations);
    clusterRouter.ifPresent(r -> r.onLost(conversations::unreachable));
    cluster.ifPresent(c -> c.pins(uri -> directory.find(uri).flatMap(User::home)));
    PeopleEndpoints contacts =
        new PeopleEndpoints(
            applications, directory, new ContactSearch(directory), people, contactLists);
    AtomicReference<UcwaApi> api = new AtomicReference<>();
    List<Endpoint> endpoints = new ArrayList<>();
    endpoints.addAll(new DiscoveryEndpoints(homes).endpoints());
    passwordChecks =
        new PasswordCheckPermits(config.signIn().hashingPermits(), config.signIn().permitWait());
    endpoints.addAll(
        new TokenEndpoint(
                directory,
                tokens,
                new SignInThrottle(clock, config.signIn()),
                passwords,
                passwordChecks,
                config.signIn().maxUsernameLength(),
                outcome -> {},
                guestMeetings,
                random)
            .endpoints());
    endpoints.addAll(new XFrameEndpoint(new XFramePage(config.allowedOrigins())).endpoints());
    endpoints.addAll(applications.endpoints());
    endpoints.addAll(
        new SubscriptionEndpoints(
                applications, directory, subscriptions, subscriptionAssembler, contactLists)
            .endpoints());
    endpoints.addAll(
        new GroupEndpoints(applications, directory, contactLists, contactsAndGroups, groupAssembler)
            .endpoints());
    // Before contacts: people/myPrivacyRelationships must win over people/{contact}.
    endpoints.addAll(
        new PrivacyEndpoints(
                applications, contacts, registry, new OwnPrivacy(privacy, subscriptions), people)
            .endpoints());
    endpoints.addAll(contacts.endpoints());
    endpoints.addAll(
        new PresenceEndpoints(
                applications,
                contacts,
                presence,
                new OwnPresence(registry, localPresence, subscriptions),
                people,
                events,
                clock)
            .endpoints());
    endpoints.addAll(
        new ProfileEndpoints(
                applications,
                contacts,
                new OwnProfile(registry, profiles, subscriptions),
                othersProfiles,
                people,
                events)
            .endpoints());
    endpoints.addAll(new PhotoEndpoints(applications, contacts, new PhotoStore()).endpoints());
    eventsEndpoint = new EventsEndpoint(applications);
    endpoints.addAll(eventsEndpoint.endpoints());
    ConversationEndpoints conversationEndpoints =
        new ConversationEndpoints(
            applications, conversations, conversationAssembler, config.maxMessageLength());
    endpoints.addAll(conversationEndpoints.endpoints());
    endpoints.addAll(
        new HistoryEndpoints(
                applications,
                history,
                historyWrites,
                clock,
                conversationEndpoints::continueMessaging)
            .endpoints());
    endpoints.addAll(
        new OrganizerEndpoint(applications, conversations, directory, people).endpoints());
    endpoints.addAll(
        new MeetingEndpoints(
                applications, meetings, new MeetingAssembler(), config.meetingCustomization())
            .endpoints());
    Optional<AudioConferenceProvider> provider =
        config.meetingCustomization().audioConferenceProvider();
    endpoints.addAll(
        new DialInEndpoints(applications, meetings, config.dialInRegions(), provider).endpoints());
    endpoints.addAll(new DialInPageEndpoint(config.dialInRegions(), provider).endpoints());
    endpoints.addAll(
        new JoinPageEndpoint(meetings, clock, config.meetingCustomization()).endpoints());
    endpoints.addAll(new BatchEndpoint(applications, api::get).endpoints());
    AdminEndpoints admin =
        new AdminEndpoints(
            config.adminToken(),
            config.invitationRecord() ? Optional.of(invitationLog) : Optional.empty(),
            invitationWrites::stats);
    endpoints.addAll(admin.endpoints());
    boolean adminTokenOnManagementPort = !HostNames.isLoopback(config.managementBind());
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
            config.publicUrl().isPresent()
                ? AllowedHosts.any()
                : AllowedHosts.of(HostNames.servedBy(config, directory.domain())),
            config.accessLog() ? RequestObserver.all(new AccessLog(), metrics) : metrics,
            new GuestGate(uri -> guestMeetings.open(uri).isPresent())));
    registerGauges();
    http =
        new HelidonServer(
            api.get(),
            config.bind(),
            config.port(),
            tls,
            config.maxBodyBytes(),
            config.channel().maxTimeout().plusSeconds(60),
            config.requestReadTimeout(),
            new ClientAddresses(config.trustedProxies()),
            new Management(
                () -> ready,
                metrics::scrape,
                request -> admin.onManagementPort(request, adminTokenOnManagementPort)),
            config.managementPort(),
            config.managementBind());
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
    metrics.storeWrites("invitation-record", invitationWrites::stats);
    metrics.storeWrites("conversation-history", historyWrites::stats);
  }

  /**
   * Starts a server; it accepts connections when this returns.
   *
   * @throws HelidonServer.BindException when it cannot listen where it was told to
   * @throws Flags.UsageException when the TLS key or certificate cannot be used
   * @throws Database.StoreException when the database cannot be opened
   */
  public static UcwaServer start(ServerConfig config, Directory directory) {
    return start(config, directory, PasswordCheck.HASHES);
  }

  /** Starts a server whose passwords are checked by {@code passwords} (an LDAP bind). */
  public static UcwaServer start(
      ServerConfig config, Directory directory, PasswordCheck passwords) {
    Database database = openDatabase(config);
    Optional<ClusterNode> cluster = Optional.empty();
    UcwaServer s = null;
    try {
      cluster = config.cluster().map(ClusterNode::start);
      s = new UcwaServer(config, directory, passwords, database, cluster);
      s.http.start();
      String url = s.url();
      cluster.ifPresent(c -> c.advertise(url));
    } catch (RuntimeException e) {
      cluster.ifPresent(ClusterNode::close);
      if (s != null) {
        s.sweeper.shutdownNow();
        s.timers.shutdownNow();
        s.metrics.close();
        s.invitationWrites.close(Duration.ZERO);
      }
      database.close();
      throw e;
    }
    long every = config.sweepInterval().toMillis();
    UcwaServer started = s;
    s.sweeper.scheduleWithFixedDelay(
        () -> {
          started.registry.sweep();
          started.inactivity.sweep();
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
    s.sweeper.scheduleWithFixedDelay(s::forgetOldInvitations, 0, 1, TimeUnit.HOURS);
    s.ready = true;
    return s;
  }

  /** The database the configuration names: its URL, or the embedded one in the data folder. */
  public static Database openDatabase(ServerConfig config) {
    return config
        .databaseUrl()
        .map(u -> Database.open(u, config.databaseUser(), config.databasePassword()))
        .orElseGet(() -> Database.embedded(config.dataDir()));
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

  /** Requests being answered right now, over either HTTP version; shutdown waits for them. */
  public int requestsInFlight() {
    return http.inFlight();
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

  /** This node's membership of its cluster; empty for a single node. */
  public Optional<ClusterNode> cluster() {
    return cluster;
  }

  /**
   * For tests: stops as a killed process would, at once and telling nobody: the cluster member
   * vanishes, the listener closes, queued writes are dropped.
   */
  public void kill() {
    ready = false;
    cluster.ifPresent(ClusterNode::terminate);
    sweeper.shutdownNow();
    timers.shutdownNow();
    http.stop();
    invitationWrites.close(Duration.ZERO);
    historyWrites.close(Duration.ZERO);
    database.close();
    metrics.close();
  }

  /** For tests: the permits password checks run with. */
  public PasswordCheckPermits passwordChecks() {
    return passwordChecks;
  }

  /** For tests: how many users this node's router holds a signal queue for. */
  public int routerMailboxes() {
    return localRouter.mailboxes();
  }

  /** For measurements: the applications this node holds. */
  public ApplicationRegistry applications() {
    return registry;
  }

  /**
   * Applies {@code --history-days} to the invitation record and to the conversation history (logs
   * with their transcripts, missed ones included).
   */
  private void forgetOldInvitations() {
    Instant cutoff = Instant.now().minus(Duration.ofDays(config.historyDays()));
    try {
      int n = invitationLog.forgetStartedBefore(cutoff);
      if (n > 0) {
        LOG.info("Forgot {} invitation(s) older than {} days", n, config.historyDays());
      }
    } catch (RuntimeException e) {
      LOG.warn("Cannot forget old invitations now: {}", e.getMessage());
    }
    try {
      int n = history.forgetBefore(cutoff);
      if (n > 0) {
        LOG.info("Forgot {} conversation log(s) older than {} days", n, config.historyDays());
      }
    } catch (RuntimeException e) {
      LOG.warn("Cannot forget old conversation logs now: {}", e.getMessage());
    }
  }

  /** The latest 1,000 invitations of the record (of a user), newest first. */
  public List<InvitationRecord> invitationRecord(Optional<String> user) {
    return invitationLog.find(
        new InvitationQuery(user, Optional.empty(), Optional.empty(), Optional.empty(), 1000, 0));
  }

  /** The invitation record's write-behind queue: for the admin API and tests. */
  public WriteBehind.Stats invitationWrites() {
    return invitationWrites.stats();
  }

  /** For tests: what the conversation history's writer has done. */
  public WriteBehind.Stats historyWrites() {
    return historyWrites.stats();
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
    cluster.ifPresent(ClusterNode::close);
    invitationWrites.close(Duration.ofSeconds(10));
    historyWrites.close(Duration.ofSeconds(10));
    database.close();
    metrics.close();
  }

  /** Stops as {@link #shutdown}: then writes what is still queued before closing the database. */
  @Override
  public void close() {
    shutdown(config.shutdownGrace());
  }
}
