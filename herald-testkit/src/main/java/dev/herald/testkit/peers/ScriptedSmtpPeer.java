package dev.herald.testkit.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMTP relay that speaks the real protocol over a socket and misbehaves as a test says (GreenMail accepts
 * everything): answers chosen recipients with a chosen reply (a 450 greylisting, a 550), stalls after the message
 * data for a while, or never says anything at all. Like a real relay, it keeps a message only once it has
 * acknowledged it with 250, and it acknowledges only a client still connected to hear it.
 */
public final class ScriptedSmtpPeer implements AutoCloseable {
    /** A message the peer acknowledged: its envelope recipients and the raw data. */
    public record Mail(List<String> recipients, String data) {
    }

    private final ServerSocket socket;
    private final boolean silent;
    private final String defaultRcptReply;
    private final Map<String, String> rcptReplies = new ConcurrentHashMap<>();
    private final Map<String, Duration> stallOnceFor = new ConcurrentHashMap<>();
    private final List<Mail> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger abandoned = new AtomicInteger();
    private final Set<String> hangUpAfterData = ConcurrentHashMap.newKeySet();
    private final Set<Socket> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final AtomicInteger dataCommands = new AtomicInteger();
    private final AtomicInteger noops = new AtomicInteger();
    private volatile String dataReply = "250 2.0.0 queued";

    private ScriptedSmtpPeer(String defaultRcptReply, boolean silent) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.defaultRcptReply = defaultRcptReply;
        this.silent = silent;
        Thread.ofVirtual().start(this::serve);
    }

    /** Accepts every recipient and every message. */
    public static ScriptedSmtpPeer accepting() throws IOException {
        return new ScriptedSmtpPeer("250 2.1.5 ok", false);
    }

    /** Answers every {@code RCPT TO} with the given reply line, e.g. {@code 550 5.1.1 no such user}. */
    public static ScriptedSmtpPeer answeringRecipientWith(String reply) throws IOException {
        return new ScriptedSmtpPeer(reply, false);
    }

    /** Accepts the connection and then never writes a byte, like a relay that hangs. */
    public static ScriptedSmtpPeer silent() throws IOException {
        return new ScriptedSmtpPeer(null, true);
    }

    /** Answers {@code RCPT TO} for this one address with the given reply line; others as before. */
    public ScriptedSmtpPeer answering(String address, String reply) {
        rcptReplies.put(address.toLowerCase(Locale.ROOT), reply);
        return this;
    }

    /**
     * Acknowledges every message with this reply instead of {@code 250 2.0.0 queued}, e.g. Amazon SES's
     * {@code 250 Ok 0102018c…-000000}, which names the message by SES's own id.
     */
    public ScriptedSmtpPeer acknowledgingDataWith(String reply) {
        if (!reply.startsWith("250 ")) {
            throw new IllegalArgumentException("an acknowledgement is a 250 reply");
        }
        dataReply = reply;
        return this;
    }

    /**
     * The first message for this address is read to its end and then left unanswered for {@code stall}; only if
     * the client is still there after that is it acknowledged and kept (else it counts as {@link #abandoned()}).
     */
    public ScriptedSmtpPeer stallingOnceAfterDataTo(String address, Duration stall) {
        stallOnceFor.put(address.toLowerCase(Locale.ROOT), stall);
        return this;
    }

    /**
     * The first message for this address is read to its end and then the peer hangs up without answering, as a
     * relay that crashed after the data: the client cannot know whether the message was kept.
     */
    public ScriptedSmtpPeer hangingUpAfterDataTo(String address) {
        hangUpAfterData.add(address.toLowerCase(Locale.ROOT));
        return this;
    }

    /**
     * Ends every open session as a relay does with sessions idle too long: writes {@code reply} (e.g. {@code 421
     * 4.4.2 idle timeout}, or null for none) and closes the connection. Call it while no message is under way.
     */
    public void hangUpOpenSessions(String reply) {
        for (Socket session : sessions) {
            try (session) {
                if (reply != null) {
                    write(session.getOutputStream(), reply);
                }
            } catch (IOException gone) {
                // already closed by the client
            }
        }
    }

    /** Connections ever accepted. */
    public int connections() {
        return accepted.get();
    }

    /** Connections open now. */
    public int openConnections() {
        return sessions.size();
    }

    /** The most connections that were open at once. */
    public int mostOpenConnections() {
        return mostOpen.get();
    }

    /** {@code DATA} commands received, answered or not. */
    public int dataCommands() {
        return dataCommands.get();
    }

    /** {@code NOOP} commands received (a client checking that a session it kept is still alive). */
    public int noops() {
        return noops.get();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Messages acknowledged with 250, in order. */
    public List<Mail> received() {
        return List.copyOf(received);
    }

    /** Messages whose client hung up while the peer stalled: never acknowledged, so never delivered. */
    public int abandoned() {
        return abandoned.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                accepted.incrementAndGet();
                sessions.add(client);
                mostOpen.accumulateAndGet(sessions.size(), Math::max);
                Thread.ofVirtual().start(() -> talk(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void talk(Socket client) {
        try {
            converse(client);
        } finally {
            sessions.remove(client);
        }
    }

    private void converse(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.UTF_8)); OutputStream out = client.getOutputStream()) {
            if (silent) {
                in.read();
                return;
            }
            write(out, "220 scripted ESMTP");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    write(out, "250 scripted");
                } else if (command.startsWith("MAIL FROM")) {
                    recipients.clear();
                    write(out, "250 2.1.0 ok");
                } else if (command.startsWith("RCPT TO")) {
                    String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'))
                            .toLowerCase(Locale.ROOT);
                    String reply = rcptReplies.getOrDefault(address, defaultRcptReply);
                    if (reply.startsWith("2")) {
                        recipients.add(address);
                    }
                    write(out, reply);
                } else if (command.equals("DATA")) {
                    dataCommands.incrementAndGet();
                    write(out, "354 go ahead");
                    StringBuilder data = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        data.append(line).append("\r\n");
                    }
                    if (recipients.stream().anyMatch(hangUpAfterData::remove)) {
                        return;
                    }
                    if (!stallIfScripted(client, in, recipients)) {
                        abandoned.incrementAndGet();
                        return;
                    }
                    received.add(new Mail(List.copyOf(recipients), data.toString()));
                    write(out, dataReply);
                } else if (command.startsWith("RSET") || command.startsWith("NOOP")) {
                    if (command.startsWith("NOOP")) {
                        noops.incrementAndGet();
                    }
                    recipients.clear();
                    write(out, "250 ok");
                } else if (command.startsWith("QUIT")) {
                    write(out, "221 bye");
                    return;
                } else {
                    write(out, "502 5.5.2 not implemented");
                }
            }
        } catch (IOException gone) {
            // the client hung up
        }
    }

    /** False when the client went away during the stall. */
    private boolean stallIfScripted(Socket client, BufferedReader in, List<String> recipients) throws IOException {
        Duration stall = recipients.stream().map(stallOnceFor::remove).filter(d -> d != null).findFirst()
                .orElse(null);
        if (stall == null) {
            return true;
        }
        try {
            Thread.sleep(stall);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        client.setSoTimeout(200);
        try {
            // A client that gave up has closed its end: the read sees the end of the stream (or a reset).
            return in.read() != -1;
        } catch (SocketTimeoutException stillWaiting) {
            return true;
        } catch (IOException reset) {
            return false;
        } finally {
            if (!client.isClosed()) {
                client.setSoTimeout(0);
            }
        }
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
