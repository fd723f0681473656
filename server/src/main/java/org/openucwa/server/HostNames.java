package org.openucwa.server;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The host names a server without a public URL answers for: its bound address, the loopback names,
 * the discovery names of its domain ({@code lyncdiscover.} and {@code lyncdiscoverinternal.}, which
 * the reference's clients and XFrame library derive from the user's domain), the names given with
 * {@code --allowed-hosts}, and, when it listens on every address (0.0.0.0 or ::), every address of
 * this machine and its host name.
 */
final class HostNames {

  private HostNames() {}

  static List<String> servedBy(ServerConfig config, String domain) {
    List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
    names.add("lyncdiscover." + domain);
    names.add("lyncdiscoverinternal." + domain);
    names.add(config.bind());
    names.addAll(config.allowedHosts());
    InetAddress bound;
    try {
      bound = InetAddress.getByName(config.bind());
    } catch (UnknownHostException e) {
      return names;
    }
    names.add(bound.getHostAddress());
    if (bound.isAnyLocalAddress()) {
      addLocalAddresses(names);
    }
    return names;
  }

  /**
   * Whether {@code address} reaches only this machine (a loopback address or {@code localhost}); an
   * address that does not resolve counts as reachable from elsewhere.
   */
  static boolean isLoopback(String address) {
    try {
      for (InetAddress a : InetAddress.getAllByName(address)) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static void addLocalAddresses(List<String> names) {
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
          String address = a.getHostAddress();
          int zone = address.indexOf('%');
          names.add(zone < 0 ? address : address.substring(0, zone));
        }
      }
      InetAddress local = InetAddress.getLocalHost();
      names.add(local.getHostName());
      names.add(local.getCanonicalHostName());
    } catch (SocketException | UnknownHostException e) {
      // only the names given explicitly then
    }
  }
}
