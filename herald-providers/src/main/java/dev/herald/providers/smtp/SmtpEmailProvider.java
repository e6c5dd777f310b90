package dev.herald.providers.smtp;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.channel.UnsubscribeLink;
import dev.herald.core.model.Channel;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Email over SMTP with an HTML and a plain-text part, through Jakarta Mail (Angus), over a bounded pool of open
 * sessions to the relay ({@link SmtpConnections}). Each send runs on its own virtual thread under
 * {@code sendTimeout}, waiting for a session included; past it the thread is interrupted, which closes its socket,
 * and the answer is a Retry, so a stalling relay cannot keep a send alive past the lease. A reused session that
 * turns out dead before the message reached {@code DATA} (the relay closed it while idle) is replaced and the send
 * tried once more; from {@code DATA} on the relay may have kept the message, so it is never resent here.
 * Reasons are one line with the relay's code and text, never the recipient's address. A message with an
 * unsubscribe link carries {@code List-Unsubscribe} and {@code List-Unsubscribe-Post} (RFC 2369, RFC 8058).
 * The provider message id stored for a sent mail is the Message-ID header Herald set, or, when the relay is Amazon
 * SES (its reply to DATA is {@code 250 Ok <id>}, {@link SesMessageId}), SES's own id, which its events carry.
 */
public final class SmtpEmailProvider implements ChannelProvider, AutoCloseable {
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final String name;
    private final Session session;
    private final SmtpConnections connections;
    private final String from;
    private final Duration sendTimeout;

    public SmtpEmailProvider(String name, SmtpSettings settings) {
        this.name = name;
        this.from = settings.from();
        this.sendTimeout = settings.sendTimeout();
        Properties props = new Properties();
        props.put("mail.smtp.auth", String.valueOf(settings.username() != null));
        props.put("mail.smtp.starttls.enable", String.valueOf(settings.startTls()));
        props.put("mail.smtp.connectiontimeout", String.valueOf(settings.connectTimeout().toMillis()));
        props.put("mail.smtp.timeout", String.valueOf(settings.readTimeout().toMillis()));
        props.put("mail.smtp.writetimeout", String.valueOf(settings.readTimeout().toMillis()));
        // A NOOP answered with anything but 250 (a 421 "idle too long") means the session is gone.
        props.put("mail.smtp.noop.strict", "true");
        this.session = Session.getInstance(props);
        MailStreams.findByName();
        this.connections = new SmtpConnections(session, settings);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Duration longestSend() {
        return sendTimeout;
    }

    /** Sessions open to the relay now (lent out or idle). */
    public int openConnections() {
        return connections.open();
    }

    /** Sessions this provider ever opened. */
    public long connectionsOpened() {
        return connections.opened();
    }

    /** Closes the pooled sessions (when the provider is replaced, removed, or at shutdown). */
    @Override
    public void close() {
        connections.close();
    }

    @Override
    public SendResult send(OutboundMessage message) {
        MimeMessage mime;
        try {
            mime = mime(message);
        } catch (MessagingException e) {
            return new SendResult.Rejected(name, "message could not be built: " + e.getClass().getSimpleName(), false);
        }
        FutureTask<SendResult> sending = new FutureTask<>(() -> sendPooled(mime));
        Thread.ofVirtual().name("smtp-" + name).start(sending);
        try {
            return sending.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Interrupting a virtual thread blocked on a socket closes the socket: the relay sees the connection
            // drop before it acknowledged the message, so it does not deliver this copy.
            sending.cancel(true);
            return new SendResult.Retry(name, "SMTP send not finished within " + sendTimeout.toMillis()
                    + " ms; connection aborted");
        } catch (InterruptedException e) {
            sending.cancel(true);
            Thread.currentThread().interrupt();
            return new SendResult.Retry(name, "interrupted while sending");
        } catch (ExecutionException e) {
            return new SendResult.Retry(name, "SMTP send failed: " + rootMessage(e.getCause()));
        }
    }

    /** One send over a pooled session, and at most one more over a live one if the first died before DATA. */
    private SendResult sendPooled(MimeMessage mime) throws Exception {
        SmtpConnection connection;
        try {
            connection = connections.borrow();
        } catch (Exception e) {
            return unavailable(e);
        }
        boolean reused = connection.uses() > 0;
        try {
            return sentOver(connection, mime);
        } catch (MessagingException | RuntimeException e) {
            // Interrupted: the send timed out and was answered already; trying again now could deliver a message
            // the dispatcher will send again.
            boolean retry = reused && !connection.dataStarted() && isSessionGone(e)
                    && !Thread.currentThread().isInterrupted();
            if (!retry) {
                return failedOver(connection, e);
            }
            connections.discard(connection);
        }
        try {
            connection = connections.borrowAlive();
        } catch (Exception e) {
            return unavailable(e);
        }
        try {
            return sentOver(connection, mime);
        } catch (MessagingException | RuntimeException e) {
            return failedOver(connection, e);
        }
    }

    private SendResult sentOver(SmtpConnection connection, MimeMessage mime) throws MessagingException {
        String reply = connection.send(mime);
        try {
            connections.giveBack(connection);
        } catch (RuntimeException e) {
            // The relay took the message: whatever the pool says now must not turn it into a failure (and a resend).
            connection.retire();
        }
        // Amazon SES replaces our Message-ID and names the message by the id in its reply: store that one.
        Optional<String> sesId = SesMessageId.in(reply);
        if (sesId.isPresent()) {
            return new SendResult.Sent(name, sesId.get());
        }
        try {
            return new SendResult.Sent(name, mime.getMessageID());
        } catch (MessagingException e) {
            return new SendResult.Sent(name, null); // the relay took the message; only reading the id failed
        }
    }

    /** A session that failed keeps serving only if the relay answered and takes an RSET; else it is closed. */
    private SendResult failedOver(SmtpConnection connection, Exception e) {
        SendResult result = e instanceof MessagingException m ? classify(m)
                : new SendResult.Retry(name, "SMTP send failed: " + rootMessage(e));
        if (!Thread.currentThread().isInterrupted() && hasReply(e) && connection.reset()) {
            connections.giveBack(connection);
        } else {
            connections.discard(connection);
        }
        return result;
    }

    private SendResult unavailable(Exception e) {
        return switch (e) {
            case AuthenticationFailedException auth ->
                    new SendResult.Retry(name, "SMTP authentication failed; check the " + name + " credentials");
            case NoSuchElementException busy -> new SendResult.Retry(name, "no SMTP connection free within "
                    + sendTimeout.toMillis() + " ms (pool.max-connections reached)");
            case InterruptedException interrupted -> {
                Thread.currentThread().interrupt();
                yield new SendResult.Retry(name, "interrupted while sending");
            }
            default -> new SendResult.Retry(name, "SMTP unavailable: " + rootMessage(e));
        };
    }

    /**
     * The session died rather than the relay refusing this message: no reply at all (end of stream, reset, a
     * closed transport), or 421, the code a relay sends as it closes a session (often one left idle too long).
     */
    private static boolean isSessionGone(Exception e) {
        int code = replyCode(e);
        return code <= 0 || code == 421;
    }

    private static boolean hasReply(Exception e) {
        return replyCode(e) > 0;
    }

    private static int replyCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SMTPAddressFailedException address && address.getReturnCode() > 0) {
                return address.getReturnCode();
            }
            if (t instanceof SMTPSendFailedException send && send.getReturnCode() > 0) {
                return send.getReturnCode();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return -1;
    }

    /**
     * A plain-text part, or {@code multipart/alternative} with the plain text first and the HTML last (the part a
     * reader prefers), in UTF-8. Built with Jakarta Mail alone: Spring's {@code MimeMessageHelper} built a MIME-type
     * map from the class path for every message and nested the parts in two more multiparts that carried nothing.
     */
    private MimeMessage mime(OutboundMessage message) throws MessagingException {
        MimeMessage mime = new MimeMessage(session);
        mime.setFrom(onlyAddress(from));
        mime.setRecipient(jakarta.mail.Message.RecipientType.TO, onlyAddress(message.address()));
        mime.setSubject(message.message().subject() == null ? "" : message.message().subject(), UTF_8);
        String text = message.message().text() == null ? "" : message.message().text();
        String html = message.message().html();
        if (html != null) {
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, UTF_8);
            MimeBodyPart rich = new MimeBodyPart();
            rich.setContent(html, "text/html; charset=" + UTF_8);
            mime.setContent(new MimeMultipart("alternative", plain, rich));
        } else {
            mime.setText(text, UTF_8);
        }
        // Lets receivers and support staff trace a mail back to its delivery; also the provider-side dedup key.
        mime.setHeader("X-Herald-Delivery-Id", message.idempotencyKey());
        if (message.unsubscribe() != null) {
            // RFC 8058 one-click: mailbox providers POST "List-Unsubscribe=One-Click" to the https link. Folded at
            // the ", " between the link and the mailto, so no line passes the 998 characters RFC 5322 allows.
            mime.setHeader("List-Unsubscribe", MimeUtility.fold("List-Unsubscribe: ".length(),
                    message.unsubscribe().listUnsubscribe()));
            mime.setHeader("List-Unsubscribe-Post", UnsubscribeLink.ONE_CLICK);
        }
        mime.setSentDate(new Date());
        mime.saveChanges(); // fixes the Message-ID before the send, so a retry over a new session keeps it
        return mime;
    }

    /** One address, as written (no group, no list): anything else is not a message this provider can send. */
    private static InternetAddress onlyAddress(String address) throws AddressException {
        InternetAddress[] parsed = InternetAddress.parse(address);
        if (parsed.length != 1) {
            throw new AddressException("not one address");
        }
        if (parsed[0].getPersonal() == null) {
            return parsed[0];
        }
        // A display name ("알림 <noreply@…>") is written encoded (RFC 2047): parse() keeps it raw, and raw 8-bit text
        // in a header is refused or mangled by relays.
        try {
            return new InternetAddress(parsed[0].getAddress(), parsed[0].getPersonal(), UTF_8);
        } catch (java.io.UnsupportedEncodingException e) {
            throw new AddressException("display name cannot be encoded");
        }
    }

    /**
     * The relay's answer decides. To RCPT TO: 5xx is a dead address; a 4xx about the mailbox is this recipient's
     * passing trouble (retried, but not held against the relay); other 4xx are the relay's. To MAIL FROM or DATA:
     * 5xx refuses the message, 4xx is the relay's passing trouble. Without an answer, connection trouble.
     */
    private SendResult classify(MessagingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SMTPAddressFailedException address) {
                SmtpReply reply = SmtpReply.of(address.getReturnCode(), address.getMessage());
                if (reply.code() >= 500) {
                    return new SendResult.Rejected(name, reply.describe("RCPT"), true);
                }
                String reason = reply.describe("RCPT");
                return reply.isRecipientsPassingTrouble() ? SendResult.Retry.forRecipient(name, reason)
                        : new SendResult.Retry(name, reason);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SMTPSendFailedException send && send.getReturnCode() > 0) {
                SmtpReply reply = SmtpReply.of(send.getReturnCode(), send.getMessage());
                String step = send.getCommand() == null ? "send"
                        : send.getCommand().strip().split("[\\s:]", 2)[0].toUpperCase(Locale.ROOT);
                return reply.code() >= 500 ? new SendResult.Rejected(name, reply.describe(step), false)
                        : new SendResult.Retry(name, reply.describe(step));
            }
        }
        return new SendResult.Retry(name, "SMTP send failed: " + rootMessage(e));
    }

    /** The innermost failure's type and first line, without addresses: connection trouble, not a relay's answer. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? "" : SmtpReply.of(0, root.getMessage()).text();
        return root.getClass().getSimpleName() + (text.isEmpty() ? "" : " " + text);
    }
}
