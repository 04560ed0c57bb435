package org.kamgraph.neo4j;

import java.io.IOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Runs embedded Neo4j Community with Bolt on 127.0.0.1 until SIGTERM.
 *
 * <p>Usage: {@code Launcher NEO4J_HOME BOLT_PORT PASSWORD_FILE [PAGECACHE_MB]}.
 * The password is read from a file (never argv, which other users can see).
 * Settings in {@code NEO4J_HOME/conf/neo4j.conf} are read if the file exists; jars in
 * {@code NEO4J_HOME/plugins} are Neo4j's plugins, as in a server install.
 *
 * <p>Contract with {@code kamgraph/neo4j_local.py}: on success the last line on
 * stdout is {@code KAMGRAPH-READY <port>}; on a known failure it is
 * {@code KAMGRAPH-ERROR <one line for a human>} and the exit code is 2.
 */
public final class Launcher {

    private static final String ADMIN_USER = "neo4j";
    private static final Duration SHUTDOWN_WAIT = Duration.ofMillis(500);

    private Launcher() {}

    public static void main(String[] args) {
        if (args.length < 3) {
            fail("usage: Launcher NEO4J_HOME BOLT_PORT PASSWORD_FILE [PAGECACHE_MB]");
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = readPassword(Path.of(args[2]));
        long pagecacheMb = args.length > 3 ? Long.parseLong(args[3]) : 256L;

        DatabaseManagementService dbms;
        try {
            DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
            Path conf = home.resolve("conf").resolve("neo4j.conf");
            if (Files.isRegularFile(conf)) {
                // The user's own settings (memory, plugins such as Graph Data Science);
                // the connector and security settings below always win.
                builder.loadPropertiesFromFile(conf);
            }
            dbms = builder
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pagecacheMb))
                    // Bolt shuts down after the databases are checkpointed and closed, then
                    // waits 5 s twice by default for threads and connections that are gone
                    // by then: a stop took 10.5 s, of which 10 s idle.
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, SHUTDOWN_WAIT)
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, SHUTDOWN_WAIT)
                    .build();
        } catch (RuntimeException e) {
            fail(explain(e, home, port));
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // A clean shutdown checkpoints the store, so the next start needs no recovery.
            dbms.shutdown();
            stopped.countDown();
        }, "kamgraph-neo4j-shutdown"));

        try {
            setAdminPassword(dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), password);
        } catch (RuntimeException e) {
            fail("could not set the Neo4j password: " + rootMessage(e));
        }

        System.out.println("KAMGRAPH-READY " + port);
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sets the admin password on every start, so a changed configured password takes effect. */
    private static void setAdminPassword(GraphDatabaseService system, String password) {
        try {
            system.executeTransactionally(
                    "ALTER USER " + ADMIN_USER + " SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            // Neo4j refuses to "change" a password to itself; that is the normal warm start.
            if (!rootMessage(e).contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }

    private static String readPassword(Path file) {
        try {
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.length() < 8) {
                fail("the Neo4j password must be at least 8 characters long (Neo4j's minimum)");
            }
            return password;
        } catch (IOException e) {
            fail("cannot read the password file " + file + ": " + e.getMessage());
            return "";
        }
    }

    /** Turns the usual start-up failures into one line a user can act on. */
    private static String explain(Throwable error, Path home, int port) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String kind = t.getClass().getSimpleName();
            if (t instanceof BindException || kind.equals("PortBindException")) {
                return "port " + port + " on 127.0.0.1 is already in use; pick another with --bolt-port";
            }
            if (kind.equals("FileLockException")) {
                return "the data directory " + home.resolve("data")
                        + " is locked by another Neo4j process; stop it first";
            }
        }
        return "Neo4j failed to start: " + rootMessage(error) + " (see " + home.resolve("logs/debug.log") + ")";
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getName() : message.replace('\n', ' ');
    }

    private static void fail(String line) {
        System.out.println("KAMGRAPH-ERROR " + line);
        System.out.flush();
        // halt, not exit: a half-built DBMS's shutdown hooks must not run on a failed start.
        Runtime.getRuntime().halt(2);
    }
}
