package dev.herald.providers.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A tiny SMTP server that speaks the real protocol over a socket but answers the recipient with a chosen reply
 * (GreenMail accepts everything), or never says anything at all, to show how the provider classifies each case.
 */
final class ScriptedSmtpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final String rcptReply;
    private final boolean silent;

    private ScriptedSmtpServer(String rcptReply, boolean silent) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.rcptReply = rcptReply;
        this.silent = silent;
        Thread.ofVirtual().start(this::serve);
    }

    /** Answers {@code RCPT TO} with the given reply line, e.g. {@code 550 5.1.1 no such user}. */
    static ScriptedSmtpServer answeringRecipientWith(String reply) throws IOException {
        return new ScriptedSmtpServer(reply, false);
    }

    /** Accepts the connection and then never writes a byte, like a relay that hangs. */
    static ScriptedSmtpServer silent() throws IOException {
        return new ScriptedSmtpServer(null, true);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread.ofVirtual().start(() -> talk(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void talk(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.US_ASCII)); OutputStream out = client.getOutputStream()) {
            if (silent) {
                in.read();
                return;
            }
            write(out, "220 scripted ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    write(out, "250 scripted");
                } else if (command.startsWith("MAIL FROM")) {
                    write(out, "250 2.1.0 ok");
                } else if (command.startsWith("RCPT TO")) {
                    write(out, rcptReply);
                } else if (command.startsWith("RSET") || command.startsWith("NOOP")) {
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

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
