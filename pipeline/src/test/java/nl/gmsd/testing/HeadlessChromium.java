package nl.gmsd.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, against pages served from a folder on loopback only (127.0.0.1).
 * Started with the flags that keep it off the network (no background networking, updates,
 * sync), a fresh profile each time, and a hard time limit.
 */
public final class HeadlessChromium implements AutoCloseable {

  private static final String[] CANDIDATES = {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"};
  private static final long TIMEOUT_SECONDS = 60;

  private final Path binary;
  private final HttpServer server;
  private final Path profiles;

  private HeadlessChromium(Path binary, Path root, Path profiles) throws IOException {
    this.binary = binary;
    this.profiles = profiles;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
      byte[] body;
      int status = 200;
      if (file.startsWith(root) && Files.isRegularFile(file)) {
        body = Files.readAllBytes(file);
      } else {
        body = "not found".getBytes(StandardCharsets.UTF_8);
        status = 404;
      }
      String type = file.toString().endsWith(".html") ? "text/html; charset=utf-8" : "application/octet-stream";
      exchange.getResponseHeaders().add("Content-Type", type);
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  /** The installed Chromium, or null when there is none. */
  public static Path find() {
    for (String c : CANDIDATES) {
      Path p = Path.of(c);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** Serves {@code root} on 127.0.0.1 for the browser. */
  public static HeadlessChromium serving(Path root, Path scratch) throws IOException {
    Path binary = find();
    if (binary == null) {
      throw new IllegalStateException("no chromium installed (scripts/test installs Debian's chromium)");
    }
    return new HeadlessChromium(binary, root.toAbsolutePath().normalize(), Files.createDirectories(scratch));
  }

  public String url(String page) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + page;
  }

  /** The DOM after the page (and its scripts) ran. */
  public String dumpDom(String page, int width, int height) throws IOException, InterruptedException {
    return run(List.of("--dump-dom", "--virtual-time-budget=5000", "--window-size=" + width + "," + height, url(page)));
  }

  /** Saves a PNG screenshot of the page. */
  public void screenshot(String page, Path png, int width, int height) throws IOException, InterruptedException {
    Files.createDirectories(png.getParent());
    run(List.of("--screenshot=" + png.toAbsolutePath(), "--hide-scrollbars", "--window-size=" + width + "," + height, url(page)));
    if (!Files.isRegularFile(png)) {
      throw new IOException("chromium wrote no screenshot " + png);
    }
  }

  private String run(List<String> args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(profiles, "profile");
    List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
    cmd.addAll(args);
    Path stdout = profile.resolve("stdout");
    Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(profile.resolve("stderr").toFile()).start();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + args);
    }
    return Files.readString(stdout);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
