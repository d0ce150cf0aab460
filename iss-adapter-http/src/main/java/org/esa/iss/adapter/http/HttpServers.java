package org.esa.iss.adapter.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/** Creates the JDK HTTP servers this adapter runs. */
final class HttpServers {
    static {
        // The JDK server writes a response's headers and body as separate segments; with Nagle's algorithm on,
        // the body then waits for the client's delayed ACK of the headers, about 40 ms per request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private HttpServers() {
    }

    static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
        return HttpServer.create(address, backlog);
    }
}
