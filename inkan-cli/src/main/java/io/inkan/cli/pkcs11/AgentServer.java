package io.inkan.cli.pkcs11;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A long-running local agent on a Unix domain socket, one thread per client connection: p11-kit's RPC
 * protocol for {@code inkan pkcs11 serve}, the OpenSSH agent protocol for {@code inkan ssh-agent}.
 * The socket is created in a directory only its owner can enter (made 0700 if the agent creates it) and is
 * itself 0600; on top of that every connection's peer user (SO_PEERCRED) must be the socket's owner, so no
 * other local user can sign even where the file system would let them connect.
 */
public final class AgentServer implements AutoCloseable {

    /** Serves one client over its connection's streams until it closes them. */
    @FunctionalInterface
    public interface Connection {
        void serve(InputStream in, OutputStream out) throws IOException;
    }

    private final Path socket;
    private final ServerSocketChannel channel;
    private final UserPrincipal owner;
    private final Supplier<Connection> protocol;
    private final Consumer<String> log;
    private final ExecutorService connections = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "inkan-pkcs11-client");
        thread.setDaemon(true);
        return thread;
    });
    private final Thread acceptor;

    private AgentServer(Path socket, Supplier<Connection> protocol, Consumer<String> log) throws IOException {
        this.socket = socket;
        this.protocol = protocol;
        this.log = log;
        Path directory = socket.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.deleteIfExists(socket);
        channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        channel.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        owner = Files.getOwner(socket);
        acceptor = new Thread(this::accept, "inkan-pkcs11-accept");
        acceptor.setDaemon(true);
    }

    /** Binds {@code socket} (replacing a stale one) and starts accepting clients, each served by a new {@code protocol}. */
    public static AgentServer start(Path socket, Supplier<Connection> protocol, Consumer<String> log) throws IOException {
        AgentServer server = new AgentServer(socket, protocol, log);
        server.acceptor.start();
        return server;
    }

    public Path socket() {
        return socket;
    }

    /** The value of {@code P11_KIT_SERVER_ADDRESS} that reaches this agent. */
    /** Blocks until the agent is closed. */
    public void awaitClose() throws InterruptedException {
        acceptor.join();
    }

    private void accept() {
        while (channel.isOpen()) {
            try {
                SocketChannel client = channel.accept();
                connections.execute(() -> serve(client));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                log.accept("accept failed: " + e.getMessage());
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (!peer.user().getName().equals(owner.getName())) {
                log.accept("refused a connection from user " + peer.user().getName());
                return;
            }
            protocol.get().serve(Channels.newInputStream(client), Channels.newOutputStream(client));
        } catch (IOException e) {
            log.accept("client connection ended: " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        connections.shutdownNow();
        Files.deleteIfExists(socket);
    }
}
