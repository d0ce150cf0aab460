package org.esa.iss.adapter.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/** Creates the JDK HTTP servers this adapter runs. */
final class HttpServers {
    /** The JDK server's limit on reading a request, in seconds; read once, when its first server is made. */
    static final String MAX_REQUEST_SECONDS = "sun.net.httpserver.maxReqTime";

    static {
        // The JDK server writes a response's headers and body as separate segments; with Nagle's algorithm on,
        // the body then waits for the client's delayed ACK of the headers, about 40 ms per request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // A request line and headers are read on a request thread, which waits for as long as the client takes:
        // a few connections that send half a request would hold every thread. Past this many seconds the server
        // closes them. Only the request counts, so a long event stream is not cut. An operator's -D wins.
        if (System.getProperty(MAX_REQUEST_SECONDS) == null) {
            System.setProperty(MAX_REQUEST_SECONDS, "5");
        }
    }

    private HttpServers() {
    }

    static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
        return HttpServer.create(address, backlog);
    }
}
