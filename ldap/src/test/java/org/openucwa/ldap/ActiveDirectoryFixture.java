package org.openucwa.ldap;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import java.util.Optional;

/**
 * An in-process LDAP server shaped like Active Directory for Skype for Business: users under {@code
 * OU=Users,DC=contoso,DC=com} with sAMAccountName, userPrincipalName and
 * msRTCSIP-PrimaryUserAddress (bob's manager is alice), a service account the server reads with,
 * one user not enabled for Skype for Business, and under {@code OU=Groups} the distribution group
 * Sales (mail-enabled, alice, bob and eve its members) and the security group Admins (no mail).
 * Schema checking is off, as AD's schema is not UnboundID's.
 */
public final class ActiveDirectoryFixture implements AutoCloseable {

  public static final String BASE = "DC=contoso,DC=com";
  public static final String SERVICE_DN = "CN=ucwa-reader,OU=Service,DC=contoso,DC=com";
  public static final String SERVICE_PASSWORD = "reader-secret";
  public static final String ALICE_PASSWORD = "Alice-AD-pass1";
  public static final String BOB_PASSWORD = "Bob-AD-pass1";

  /** A universal distribution group (mail-enabled) of alice, bob and eve. */
  public static final String SALES_DN = "CN=Sales,OU=Groups," + BASE;

  /** The first bytes of a PNG, enough to be told apart from a JPEG. */
  public static final byte[] ALICE_PHOTO = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};

  private final InMemoryDirectoryServer server;

  private ActiveDirectoryFixture(InMemoryDirectoryServer server) {
    this.server = server;
  }

  public static ActiveDirectoryFixture start() throws LDAPException, LDIFException {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
    config.setSchema(null);
    config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
    InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
    server.add(
        new Entry(
            BASE, new Attribute("objectClass", "top", "domain"), new Attribute("dc", "contoso")));
    server.add("dn: OU=Users," + BASE, "objectClass: organizationalUnit", "ou: Users");
    server.add("dn: OU=Service," + BASE, "objectClass: organizationalUnit", "ou: Service");
    server.add(
        "dn: " + SERVICE_DN,
        "objectClass: user",
        "cn: ucwa-reader",
        "userPassword: " + SERVICE_PASSWORD);
    Entry alice = user("Alice Smith", "alice", ALICE_PASSWORD).duplicate();
    alice.addAttribute("title", "Engineer");
    alice.addAttribute("department", "R&D");
    alice.addAttribute("company", "Contoso");
    alice.addAttribute("physicalDeliveryOfficeName", "2/1234");
    alice.addAttribute("telephoneNumber", "+1 (425) 555-0100");
    alice.addAttribute("mobile", "+1 425 555 0102");
    alice.addAttribute("mail", "alice@contoso.com");
    alice.addAttribute(new Attribute("thumbnailPhoto", ALICE_PHOTO));
    server.add(alice);
    Entry bob = user("Bob Jones", "bob", BOB_PASSWORD).duplicate();
    bob.addAttribute("manager", alice.getDN());
    server.add(bob);
    Entry notEnabled = user("Eve Offline", "eve", "Eve-pass1");
    notEnabled.removeAttribute(LdapDirectory.SIP_ADDRESS);
    server.add(notEnabled);
    server.add("dn: OU=Groups," + BASE, "objectClass: organizationalUnit", "ou: Groups");
    server.add(
        "dn: " + SALES_DN,
        "objectClass: top",
        "objectClass: group",
        "cn: Sales",
        "displayName: Sales Team",
        "groupType: 8",
        "mail: sales@contoso.com",
        "member: " + alice.getDN(),
        "member: " + bob.getDN(),
        "member: " + notEnabled.getDN());
    server.add(
        "dn: CN=Admins,OU=Groups," + BASE,
        "objectClass: top",
        "objectClass: group",
        "cn: Admins",
        "groupType: -2147483646",
        "member: " + alice.getDN());
    server.startListening();
    return new ActiveDirectoryFixture(server);
  }

  private static Entry user(String name, String account, String password) {
    return new Entry(
        "CN=" + name + ",OU=Users," + BASE,
        new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
        new Attribute("cn", name),
        new Attribute("displayName", name),
        new Attribute("sAMAccountName", account),
        new Attribute("userPrincipalName", account + "@corp.contoso.com"),
        new Attribute(LdapDirectory.SIP_ADDRESS, "sip:" + account + "@contoso.com"),
        new Attribute("userPassword", password));
  }

  /** Adds a user enabled for SIP while the server runs, as an administrator would. */
  public void addUser(String name, String account, String password) throws LDAPException {
    server.add(user(name, account, password));
  }

  /** The settings, with another time to live for what the server reads from the directory. */
  public LdapSettings settings(java.time.Duration cacheTtl) {
    LdapSettings s = settings();
    return new LdapSettings(
        s.url(), s.baseDn(), s.bindDn(), s.bindPassword(), s.filter(), cacheTtl);
  }

  public String url() {
    return "ldap://127.0.0.1:" + server.getListenPort();
  }

  public LdapSettings settings() {
    return new LdapSettings(
        url(),
        BASE,
        Optional.of(SERVICE_DN),
        Optional.of(SERVICE_PASSWORD),
        LdapSettings.DEFAULT_FILTER);
  }

  @Override
  public void close() {
    server.shutDown(true);
  }
}
