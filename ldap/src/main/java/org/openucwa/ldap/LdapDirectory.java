package org.openucwa.ldap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.unboundid.ldap.sdk.BindResult;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustStoreTrustManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openucwa.directory.Credential;
import org.openucwa.directory.Directory;
import org.openucwa.directory.DistributionGroup;
import org.openucwa.directory.PasswordCheck;
import org.openucwa.directory.PasswordHasher;
import org.openucwa.directory.User;
import org.openucwa.directory.UserSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users from an LDAP or Active Directory server: read at start into a {@link Directory} (names,
 * title, department, company, office, phones, mail, {@code thumbnailPhoto} saved as a photo file),
 * with passwords checked by binding as the user. The directory then reads through this class (a
 * {@link UserSource}): users by SIP address, by sign-in name ({@code DOMAIN\account} or user
 * principal name) and searches are read from the server through bounded caches whose entries are
 * read again after the configured time to live, so users added or changed there show without a
 * restart; when the server cannot answer, the users read at start answer. The DN of each user who
 * signs in is kept in a bounded cache so a sign-in costs one bind, not a search and a bind.
 * Thread-safe: the connection pool and the caches are.
 */
public final class LdapDirectory implements PasswordCheck, UserSource, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LdapDirectory.class);
  static final String SIP_ADDRESS = "msRTCSIP-PrimaryUserAddress";
  private static final String[] ATTRIBUTES = {
    SIP_ADDRESS,
    "displayName",
    "cn",
    "sAMAccountName",
    "userPrincipalName",
    "title",
    "department",
    "company",
    "physicalDeliveryOfficeName",
    "telephoneNumber",
    "otherTelephone",
    "mobile",
    "homePhone",
    "mail",
    "manager",
    "thumbnailPhoto"
  };

  /** Which entries are distribution groups: mail-enabled groups (distributionGroup_ref.md). */
  static final String GROUP_FILTER = "(&(objectClass=group)(mail=*))";

  private static final String[] GROUP_ATTRIBUTES = {
    SIP_ADDRESS, "displayName", "cn", "mail", "member"
  };

  /** The directory could not be read: the message says why, in one line. */
  public static final class LdapUnavailableException extends RuntimeException {
    LdapUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final LdapSettings settings;
  private final LDAPConnectionPool pool;
  private final Directory directory;
  private final Path photoDir;
  private final SecureRandom random = new SecureRandom();
  private final Cache<String, String> dnByUri =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(10)).build();
  private final Cache<String, Optional<User>> byUri;
  private final Cache<String, Optional<String>> uriBySignInName;
  private final Cache<String, List<User>> searches;
  private final Cache<String, Optional<DistributionGroup>> groupByAddress;
  private final Cache<String, List<DistributionGroup>> groupsOfUser;
  private final Cache<String, Optional<String>> uriByDn;

  private LdapDirectory(
      LdapSettings settings, LDAPConnectionPool pool, Directory directory, Path photoDir) {
    this.settings = settings;
    this.pool = pool;
    this.directory = directory;
    this.photoDir = photoDir;
    Duration ttl = settings.cacheTtl();
    this.byUri = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(ttl).build();
    this.uriBySignInName = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(ttl).build();
    this.searches = Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(ttl).build();
    this.groupByAddress = Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(ttl).build();
    this.groupsOfUser = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(ttl).build();
    this.uriByDn = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(ttl).build();
    directory.readThrough(this);
  }

  /** The directory server could not be read now. */
  private static final class ReadFailure extends RuntimeException {
    ReadFailure(LDAPException cause) {
      super(cause.getMessage(), cause);
    }
  }

  @Override
  public Optional<User> user(String uri) {
    String key = uri.toLowerCase(java.util.Locale.ROOT);
    try {
      return byUri.get(key, k -> readOne(Filter.createEqualityFilter(SIP_ADDRESS, k)));
    } catch (ReadFailure e) {
      LOG.warn("Cannot read {} from the directory now: {}", uri, firstLine(e.getMessage()));
      return directory.given(key);
    }
  }

  @Override
  public Optional<User> signInName(String name) {
    String n = name.strip();
    Filter filter;
    int slash = n.indexOf('\\');
    if (slash >= 0) {
      String windowsDomain = n.substring(0, slash);
      String account = n.substring(slash + 1);
      if (account.isEmpty()
          || !settings.windowsDomain().map(windowsDomain::equalsIgnoreCase).orElse(false)) {
        return Optional.empty();
      }
      filter = Filter.createEqualityFilter("sAMAccountName", account);
    } else if (n.contains("@")) {
      filter = Filter.createEqualityFilter("userPrincipalName", n);
    } else {
      return Optional.empty();
    }
    try {
      return uriBySignInName
          .get(n.toLowerCase(java.util.Locale.ROOT), k -> readOne(filter).map(User::uri))
          .flatMap(this::user);
    } catch (ReadFailure e) {
      LOG.warn("Cannot look {} up in the directory now: {}", n, firstLine(e.getMessage()));
      return Optional.empty();
    }
  }

  @Override
  public List<User> search(String needle, int limit) {
    try {
      return searches.get(limit + "\n" + needle, k -> readMany(needle, limit));
    } catch (ReadFailure e) {
      LOG.warn("Cannot search the directory now: {}", firstLine(e.getMessage()));
      return directory.users();
    }
  }

  @Override
  public Optional<DistributionGroup> distributionGroup(String address) {
    String a = address.strip().toLowerCase(java.util.Locale.ROOT);
    String bare = a.startsWith("sip:") ? a.substring(4) : a;
    if (bare.isEmpty()) {
      return Optional.empty();
    }
    Filter named =
        Filter.createORFilter(
            Filter.createEqualityFilter("mail", bare),
            Filter.createEqualityFilter(SIP_ADDRESS, "sip:" + bare));
    try {
      return groupByAddress.get(
          bare,
          k -> {
            List<DistributionGroup> found = readGroups(named);
            return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
          });
    } catch (ReadFailure e) {
      LOG.warn(
          "Cannot read the group {} from the directory now: {}", bare, firstLine(e.getMessage()));
      return Optional.empty();
    }
  }

  @Override
  public List<DistributionGroup> distributionGroupsOf(String uri) {
    String key = uri.toLowerCase(java.util.Locale.ROOT);
    try {
      return groupsOfUser.get(
          key,
          k -> {
            Optional<String> dn;
            try {
              dn = dnOf(k);
            } catch (LDAPException e) {
              throw new ReadFailure(e);
            }
            return dn.map(d -> readGroups(Filter.createEqualityFilter("member", d)))
                .orElse(List.of());
          });
    } catch (ReadFailure e) {
      LOG.warn(
          "Cannot read the groups of {} from the directory now: {}",
          uri,
          firstLine(e.getMessage()));
      return List.of();
    }
  }

  /** The distribution groups {@code which} selects, with their members who are users. */
  private List<DistributionGroup> readGroups(Filter which) {
    try {
      List<SearchResultEntry> entries =
          pool.search(
                  settings.baseDn(),
                  SearchScope.SUB,
                  Filter.createANDFilter(Filter.create(GROUP_FILTER), which),
                  GROUP_ATTRIBUTES)
              .getSearchEntries();
      List<DistributionGroup> groups = new ArrayList<>();
      for (SearchResultEntry e : entries) {
        toGroup(e).ifPresent(groups::add);
      }
      return groups;
    } catch (LDAPException e) {
      throw new ReadFailure(e);
    }
  }

  private Optional<DistributionGroup> toGroup(SearchResultEntry e) {
    Optional<String> mail = text(e, "mail");
    Optional<String> sip = text(e, SIP_ADDRESS).or(() -> mail.map(m -> "sip:" + m));
    if (sip.isEmpty()) {
      return Optional.empty();
    }
    List<String> members = new ArrayList<>();
    String[] memberDns = e.getAttributeValues("member");
    if (memberDns != null) {
      for (String dn : memberDns) {
        uriOfDn(dn).ifPresent(members::add);
      }
    }
    try {
      return Optional.of(
          new DistributionGroup(
              sip.get(),
              first(e, "displayName", "cn").orElse(mail.orElse(sip.get())),
              mail,
              members));
    } catch (IllegalArgumentException ex) {
      LOG.warn("Directory group {} left out: {}", e.getDN(), ex.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The SIP URI of the user entry at {@code dn}, if it is a user of this server's domain (a nested
   * group or a user not enabled for SIP is none).
   */
  private Optional<String> uriOfDn(String dn) {
    return uriByDn.get(
        dn.toLowerCase(java.util.Locale.ROOT),
        k -> {
          try {
            SearchResultEntry entry = pool.getEntry(dn, SIP_ADDRESS);
            return Optional.ofNullable(entry)
                .flatMap(x -> text(x, SIP_ADDRESS))
                .map(u -> u.toLowerCase(java.util.Locale.ROOT))
                .filter(u -> u.startsWith("sip:") && u.endsWith("@" + directory.domain()));
          } catch (LDAPException ex) {
            throw new ReadFailure(ex);
          }
        });
  }

  /** The one user the filter (within the users' filter) selects, read now. */
  private Optional<User> readOne(Filter which) {
    try {
      SearchResult r =
          pool.search(
              settings.baseDn(),
              SearchScope.SUB,
              Filter.createANDFilter(Filter.create(settings.filter()), which),
              ATTRIBUTES);
      if (r.getEntryCount() != 1) {
        return Optional.empty();
      }
      SearchResultEntry e = r.getSearchEntries().get(0);
      Optional<User> user = inDomain(e);
      user.ifPresent(u -> dnByUri.put(u.uri(), e.getDN()));
      return user;
    } catch (LDAPException e) {
      throw new ReadFailure(e);
    }
  }

  private List<User> readMany(String needle, int limit) {
    List<Filter> any = new ArrayList<>();
    for (String attribute :
        List.of(
            "displayName",
            SIP_ADDRESS,
            "mail",
            "telephoneNumber",
            "otherTelephone",
            "mobile",
            "homePhone")) {
      any.add(Filter.createSubstringFilter(attribute, null, new String[] {needle}, null));
    }
    try {
      SearchRequest request =
          new SearchRequest(
              settings.baseDn(),
              SearchScope.SUB,
              Filter.createANDFilter(Filter.create(settings.filter()), Filter.createORFilter(any)),
              ATTRIBUTES);
      request.setSizeLimit(limit);
      List<SearchResultEntry> entries;
      try {
        entries = pool.search(request).getSearchEntries();
      } catch (LDAPSearchException e) {
        if (e.getResultCode() != ResultCode.SIZE_LIMIT_EXCEEDED) {
          throw e;
        }
        entries = e.getSearchEntries();
      }
      List<User> users = new ArrayList<>();
      for (SearchResultEntry e : entries) {
        inDomain(e).ifPresent(users::add);
      }
      return users;
    } catch (LDAPException e) {
      throw new ReadFailure(e);
    }
  }

  /** The entry as a user of the domain this server serves; empty for anything else. */
  private Optional<User> inDomain(SearchResultEntry e) {
    return toUser(e, photoDir, random, this::managerUri)
        .filter(u -> u.domain().equals(directory.domain()));
  }

  /** The manager's SIP URI, when the directory can tell it now. */
  private Optional<String> managerUri(String dn) {
    try {
      return uriOfDn(dn);
    } catch (ReadFailure e) {
      return Optional.empty();
    }
  }

  /**
   * Connects, reads the users the filter selects and saves their photos under {@code photoDir}.
   *
   * @throws LdapUnavailableException when the server cannot be reached or searched
   */
  public static LdapDirectory load(LdapSettings settings, Path photoDir) {
    LDAPConnectionPool pool;
    try {
      LDAPURL url = new LDAPURL(settings.url());
      LDAPConnectionOptions options = new LDAPConnectionOptions();
      options.setConnectTimeoutMillis(5_000);
      options.setResponseTimeoutMillis(10_000);
      LDAPConnection c =
          url.getScheme().equals("ldaps")
              ? new LDAPConnection(
                  new SSLUtil(new TrustStoreTrustManager(defaultTrustStore()))
                      .createSSLSocketFactory(),
                  options,
                  url.getHost(),
                  url.getPort())
              : new LDAPConnection(options, url.getHost(), url.getPort());
      if (settings.bindDn().isPresent()) {
        c.bind(settings.bindDn().get(), settings.bindPassword().orElse(""));
      }
      pool = new LDAPConnectionPool(c, 4);
    } catch (LDAPException | GeneralSecurityException e) {
      throw new LdapUnavailableException(
          "cannot reach the directory " + settings.url() + ": " + firstLine(e.getMessage()), e);
    }
    try {
      return new LdapDirectory(settings, pool, read(settings, pool, photoDir), photoDir);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  public Directory directory() {
    return directory;
  }

  /** Binds as the user; an empty password is refused before asking (it would bind anonymously). */
  @Override
  public boolean verify(User user, char[] password) {
    if (password.length == 0) {
      return false;
    }
    try {
      Optional<String> dn = dnOf(user.uri());
      if (dn.isEmpty()) {
        return false;
      }
      BindResult r =
          pool.bindAndRevertAuthentication(
              new SimpleBindRequest(
                  dn.get(),
                  new String(password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      return r.getResultCode() == ResultCode.SUCCESS;
    } catch (LDAPException e) {
      if (e.getResultCode() != ResultCode.INVALID_CREDENTIALS) {
        LOG.warn(
            "Cannot check the password of {} with the directory: {}", user.uri(), e.getMessage());
      }
      return false;
    }
  }

  private Optional<String> dnOf(String uri) throws LDAPException {
    String cached = dnByUri.getIfPresent(uri);
    if (cached != null) {
      return Optional.of(cached);
    }
    SearchResult r =
        pool.search(
            settings.baseDn(),
            SearchScope.SUB,
            Filter.createANDFilter(
                Filter.create(settings.filter()), Filter.createEqualityFilter(SIP_ADDRESS, uri)),
            "1.1");
    if (r.getEntryCount() != 1) {
      return Optional.empty();
    }
    String dn = r.getSearchEntries().get(0).getDN();
    dnByUri.put(uri, dn);
    return Optional.of(dn);
  }

  private static Directory read(LdapSettings settings, LDAPConnectionPool pool, Path photoDir) {
    List<SearchResultEntry> entries;
    try {
      entries =
          pool.search(settings.baseDn(), SearchScope.SUB, settings.filter(), ATTRIBUTES)
              .getSearchEntries();
    } catch (LDAPException e) {
      throw new LdapUnavailableException(
          "cannot search the directory "
              + settings.url()
              + " under "
              + settings.baseDn()
              + ": "
              + firstLine(e.getMessage()),
          e);
    }
    SecureRandom random = new SecureRandom();
    List<User> users = new ArrayList<>();
    for (SearchResultEntry e : entries) {
      toUser(e, photoDir, random, dn -> Optional.empty()).ifPresent(users::add);
    }
    if (users.isEmpty()) {
      throw new LdapUnavailableException(
          "the directory "
              + settings.url()
              + " has no user under "
              + settings.baseDn()
              + " matching "
              + settings.filter(),
          null);
    }
    Map<String, Long> domains =
        users.stream().collect(Collectors.groupingBy(User::domain, Collectors.counting()));
    String domain =
        domains.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    Map<String, User> byUri = new HashMap<>();
    for (User u : users) {
      if (!u.domain().equals(domain)) {
        LOG.warn("{} is outside the domain {} this server serves: left out", u.uri(), domain);
      } else if (byUri.putIfAbsent(u.uri(), u) != null) {
        LOG.warn("{} appears twice in the directory: the first entry is used", u.uri());
      }
    }
    // again, now that the users are known: a manager is one of them, found by the entry's DN
    Map<String, String> uriByDn = new HashMap<>();
    for (SearchResultEntry e : entries) {
      text(e, SIP_ADDRESS)
          .map(sip -> sip.toLowerCase(java.util.Locale.ROOT))
          .filter(byUri::containsKey)
          .ifPresent(sip -> uriByDn.put(e.getDN().toLowerCase(java.util.Locale.ROOT), sip));
    }
    List<User> kept = new ArrayList<>();
    for (SearchResultEntry e : entries) {
      toUser(
              e,
              photoDir,
              random,
              dn -> Optional.ofNullable(uriByDn.get(dn.toLowerCase(java.util.Locale.ROOT))))
          .filter(u -> byUri.containsKey(u.uri()) && byUri.get(u.uri()) != null)
          .filter(u -> kept.stream().noneMatch(k -> k.uri().equals(u.uri())))
          .ifPresent(kept::add);
    }
    LOG.info("Read {} users of {} from {}", kept.size(), domain, settings.url());
    return new Directory(domain, kept);
  }

  private static Optional<User> toUser(
      SearchResultEntry e,
      Path photoDir,
      SecureRandom random,
      Function<String, Optional<String>> uriOfDn) {
    String sip = e.getAttributeValue(SIP_ADDRESS);
    if (sip == null) {
      return Optional.empty();
    }
    String name = first(e, "displayName", "cn", "sAMAccountName").orElse(sip);
    try {
      User.Builder b = User.builder(sip, name).credential(unusable(random));
      text(e, "title").ifPresent(b::title);
      text(e, "department").ifPresent(b::department);
      text(e, "company").ifPresent(b::company);
      text(e, "physicalDeliveryOfficeName").ifPresent(b::office);
      text(e, "telephoneNumber").map(LdapDirectory::tel).ifPresent(b::workPhoneNumber);
      text(e, "otherTelephone").map(LdapDirectory::tel).ifPresent(b::otherPhoneNumber);
      text(e, "mobile").map(LdapDirectory::tel).ifPresent(b::mobilePhoneNumber);
      text(e, "homePhone").map(LdapDirectory::tel).ifPresent(b::homePhoneNumber);
      text(e, "manager").flatMap(uriOfDn).ifPresent(b::manager);
      String[] mail = e.getAttributeValues("mail");
      if (mail != null) {
        b.emailAddresses(Arrays.asList(mail));
      }
      byte[] photo = e.getAttributeValueBytes("thumbnailPhoto");
      if (photo != null && photo.length > 0) {
        savePhoto(photo, photoDir).ifPresent(b::photo);
      }
      return Optional.of(b.build());
    } catch (IllegalArgumentException ex) {
      LOG.warn("Directory entry {} left out: {}", e.getDN(), ex.getMessage());
      return Optional.empty();
    }
  }

  /**
   * A hash of a random secret nobody knows: an LDAP user's password is checked by binding, never
   * against this.
   */
  private static Credential unusable(SecureRandom random) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    return new Credential(
        PasswordHasher.hash(HexFormat.of().formatHex(secret).toCharArray(), random, 1));
  }

  /** A phone number as a tel: URI: {@code +1 (425) 555-0100} becomes {@code tel:+14255550100}. */
  static String tel(String number) {
    String n = number.trim();
    if (n.regionMatches(true, 0, "tel:", 0, 4)) {
      return n;
    }
    return "tel:" + n.replaceAll("[\\s().\\-/]", "");
  }

  private static Optional<Path> savePhoto(byte[] bytes, Path dir) {
    String ext =
        bytes.length > 3 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P'
            ? "png"
            : bytes.length > 3 && bytes[0] == 'G' && bytes[1] == 'I' ? "gif" : "jpg";
    try {
      Files.createDirectories(dir);
      String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      Path file = dir.resolve(hash + "." + ext);
      if (!Files.exists(file)) {
        Files.write(file, bytes);
      }
      return Optional.of(file);
    } catch (IOException | GeneralSecurityException e) {
      LOG.warn("Cannot save a directory photo in {}: {}", dir, e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<String> text(SearchResultEntry e, String attribute) {
    return Optional.ofNullable(e.getAttributeValue(attribute))
        .map(String::trim)
        .filter(s -> !s.isEmpty());
  }

  private static Optional<String> first(SearchResultEntry e, String... attributes) {
    return Arrays.stream(attributes)
        .map(a -> text(e, a))
        .flatMap(Optional::stream)
        .findFirst()
        .map(Function.identity());
  }

  private static String defaultTrustStore() {
    return System.getProperty("java.home") + "/lib/security/cacerts";
  }

  private static String firstLine(String m) {
    return m == null ? "" : m.lines().findFirst().orElse(m);
  }

  @Override
  public void close() {
    pool.close();
  }
}
