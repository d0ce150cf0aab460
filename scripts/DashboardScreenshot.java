import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a headless Chromium over its DevTools protocol: opens the dashboard, lets it receive live data for a
 * while, saves a PNG. (Chromium's own --screenshot flag fires before the event stream has delivered anything.)
 * An exception the page's scripts threw, or an error they logged, is printed and fails the run (status 1).
 *
 * <p>Usage: {@code java DashboardScreenshot.java DEVTOOLS_URL PAGE_URL OUT.png WAIT_SECONDS}
 */
public class DashboardScreenshot {
    public static void main(String[] args) throws Exception {
        URI devtools = URI.create(args[0]);
        String page = args[1];
        Path out = Path.of(args[2]);
        long waitSeconds = Long.parseLong(args[3]);

        HttpClient http = HttpClient.newHttpClient();
        String targets = http.send(HttpRequest.newBuilder(devtools.resolve("/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher socket = Pattern.compile("\"webSocketDebuggerUrl\"\\s*:\\s*\"([^\"]+)\"").matcher(targets);
        if (!socket.find()) {
            throw new IllegalStateException("Chromium lists no page to drive: " + targets);
        }
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(socket.group(1)), new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    messages.add(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).get();
        ws.sendText("{\"id\":0,\"method\":\"Runtime.enable\"}", true).get();
        ws.sendText("{\"id\":1,\"method\":\"Emulation.setDeviceMetricsOverride\",\"params\":"
                + "{\"width\":1400,\"height\":900,\"deviceScaleFactor\":1,\"mobile\":false}}", true).get();
        ws.sendText("{\"id\":2,\"method\":\"Page.navigate\",\"params\":{\"url\":\"" + page + "\"}}", true).get();
        TimeUnit.SECONDS.sleep(waitSeconds);
        ws.sendText("{\"id\":3,\"method\":\"Page.captureScreenshot\",\"params\":{\"format\":\"png\"}}", true).get();
        int pageErrors = 0;
        while (true) {
            String message = messages.poll(30, TimeUnit.SECONDS);
            if (message == null) {
                throw new IllegalStateException("Chromium sent no screenshot within 30 s");
            }
            if (message.contains("\"method\":\"Runtime.exceptionThrown\"")
                    || message.contains("\"method\":\"Runtime.consoleAPICalled\"") && message.contains("\"type\":\"error\"")) {
                System.err.println("the page reported: " + message);
                pageErrors++;
            }
            Matcher png = Pattern.compile("\"id\":3,\"result\":\\{\"data\":\"([^\"]+)\"").matcher(message);
            if (png.find()) {
                Files.write(out, Base64.getDecoder().decode(png.group(1)));
                System.out.println("saved " + out.toAbsolutePath());
                break;
            }
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get();
        if (pageErrors > 0) {
            System.err.println(pageErrors + " error(s) on the page");
            System.exit(1);
        }
    }
}
