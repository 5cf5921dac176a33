// Local/test MongoDB stand-in built on mongo-java-server (https://github.com/bwaldvogel/mongo-java-server).
//
// Run (single-file source launch, Java 11+):
//   java -cp '<libdir>/*' docker/mongo-dev/Main.java PORT [H2_FILE] [BIND_HOST]
//
//   PORT       TCP port to listen on (0 = pick a free one).
//   H2_FILE    optional: persist data in this H2 MVStore file (survives restarts);
//              omitted or "-" / "" = in-memory backend (data lost on exit).
//   BIND_HOST  optional: address to bind, default 127.0.0.1 (or $MONGO_DEV_BIND_HOST);
//              use 0.0.0.0 inside a container.
//
// Environment: MONGO_DEV_BIND_HOST (see above); MONGO_DEV_EXIT_ON_STDIN_EOF=1 exits when
// stdin is closed (the test harness uses it so an orphaned server does not linger).
//
// Prints exactly one line "mongo-dev listening on HOST:PORT" to stdout once it
// accepts connections. SIGTERM/SIGINT run a shutdown hook that closes the server
// and the backend (for H2 this closes the MVStore, so the file is consistent).
//
// The built-in de.bwaldvogel.mongo.ServerVersion enum tops out at MongoDB 5.0 /
// wire version 8, but the Node driver 7 (Mongoose 9) refuses servers with a max
// wire version < 9, so we advertise MongoDB 6.0.0 / wire version 17 ourselves.
// It also only knows the legacy "isMaster" handshake; {hello: 1} is answered like it.

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

import java.io.File;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

public class Main {

    /** MongoDB 6.0 as far as clients are concerned (wire version 17). */
    static final class Mongo60 implements MongoVersion {
        @Override
        public List<Integer> getVersionArray() {
            return List.of(6, 0, 0);
        }

        @Override
        public int getWireVersion() {
            return 17;
        }

        @Override
        public String toString() {
            return toVersionString();
        }
    }

    /**
     * mongo-java-server only knows the legacy handshake command "isMaster"; the driver
     * itself handshakes with isMaster, but an explicit {hello: 1} (health checks, tools)
     * would fail with CommandNotFound. Answer it like isMaster.
     */
    static String aliasCommand(String command) {
        return "hello".equalsIgnoreCase(command) ? "isMaster" : command;
    }

    static final class DevMemoryBackend extends MemoryBackend {
        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            return super.handleCommand(channel, databaseName, aliasCommand(command), query);
        }
    }

    static final class DevH2Backend extends H2Backend {
        DevH2Backend(String fileName) {
            super(fileName);
        }

        @Override
        public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
            return super.handleCommand(channel, databaseName, aliasCommand(command), query);
        }
    }

    public static void main(String[] args) throws Exception {
        // Quiet logging unless the caller configured slf4j-simple explicitly.
        setDefaultProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setDefaultProperty("org.slf4j.simpleLogger.logFile", "System.err");
        setDefaultProperty("org.slf4j.simpleLogger.showDateTime", "true");
        // Every command error that is sent back to the client (duplicate key, NamespaceExists
        // from Mongoose's autoCreate, ...) is also logged at ERROR with a full stack trace by
        // this logger. The client receives the error anyway, so silence it by default; re-enable
        // with -Dorg.slf4j.simpleLogger.log.de.bwaldvogel.mongo.wire.MongoWireProtocolHandler=error
        setDefaultProperty("org.slf4j.simpleLogger.log.de.bwaldvogel.mongo.wire.MongoWireProtocolHandler", "off");

        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: java -cp '<libdir>/*' Main.java PORT [H2_FILE] [BIND_HOST]");
            System.exit(2);
        }
        int port;
        try {
            port = Integer.parseInt(args[0]);
        } catch (NumberFormatException e) {
            System.err.println("mongo-dev: invalid port: " + args[0]);
            System.exit(2);
            return;
        }
        String h2File = args.length >= 2 && !args[1].isEmpty() && !args[1].equals("-") ? args[1] : null;
        String host = args.length >= 3 && !args[2].isEmpty() ? args[2] : System.getenv("MONGO_DEV_BIND_HOST");
        if (host == null || host.isEmpty()) {
            host = "127.0.0.1";
        }

        MongoBackend backend;
        if (h2File != null) {
            File parent = new File(h2File).getAbsoluteFile().getParentFile();
            if (parent != null && !parent.isDirectory() && !parent.mkdirs()) {
                System.err.println("mongo-dev: cannot create directory " + parent);
                System.exit(1);
            }
            backend = new DevH2Backend(h2File);
        } else {
            backend = new DevMemoryBackend();
        }
        backend.version(new Mongo60());

        MongoServer server = new MongoServer(backend);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean closed = new AtomicBoolean(false);
        Runnable close = () -> {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            try {
                // shutdownNow(): stop listening, close client channels, stop event loops,
                // then backend.close() (H2Backend.close() closes the MVStore = final commit).
                server.shutdownNow();
            } catch (Throwable t) {
                System.err.println("mongo-dev: error during shutdown: " + t);
                try {
                    backend.close();
                } catch (Throwable ignored) {
                    // best effort
                }
            } finally {
                stopped.countDown();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(close, "mongo-dev-shutdown"));

        try {
            server.bind(host, port);
        } catch (Throwable t) {
            System.err.println("mongo-dev: failed to bind " + host + ":" + port + ": " + t);
            close.run();
            System.exit(1);
        }
        InetSocketAddress addr = server.getLocalAddress();
        System.out.println("mongo-dev listening on " + host + ":" + addr.getPort());
        System.out.flush();

        if ("1".equals(System.getenv("MONGO_DEV_EXIT_ON_STDIN_EOF"))) {
            // Used by the test harness (stdin is a pipe from the parent): when the parent
            // dies without killing us, stdin reaches EOF and we exit instead of lingering.
            Thread watcher = new Thread(() -> {
                try {
                    while (System.in.read() != -1) {
                        // ignore input
                    }
                } catch (Exception ignored) {
                    // treat like EOF
                }
                System.exit(0);
            }, "mongo-dev-stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }

        // Netty threads are non-daemon, but keep main alive explicitly until shutdown.
        stopped.await();
    }

    private static void setDefaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
