package org.coplan.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Honours {@code Forwarded} / {@code X-Forwarded-*} only on connections from the configured
 * reverse proxies ({@code trusted-proxies}, default the loopback addresses). From anyone else the
 * headers are ignored: a client could otherwise pick the address the login throttle counts, or make
 * the server believe it is reached over HTTPS.
 */
public final class TrustedProxies implements HttpConfiguration.Customizer {
  private final Set<InetAddress> trusted;
  private final ForwardedRequestCustomizer forwarded = new ForwardedRequestCustomizer();

  public TrustedProxies(List<InetAddress> trusted) {
    this.trusted = Set.copyOf(trusted);
  }

  @Override
  public Request customize(Request request, HttpFields.Mutable responseHeaders) {
    SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
    if (remote instanceof InetSocketAddress socket && trusted.contains(socket.getAddress())) {
      return forwarded.customize(request, responseHeaders);
    }
    return request;
  }
}
