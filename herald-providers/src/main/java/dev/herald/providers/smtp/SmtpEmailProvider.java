package dev.herald.providers.smtp;

import dev.herald.core.channel.ChannelProvider;
import dev.herald.core.channel.OutboundMessage;
import dev.herald.core.channel.SendResult;
import dev.herald.core.model.Channel;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Email over SMTP with an HTML and a plain-text part, through Jakarta Mail (Angus) and Spring's mail support.
 * Each send runs on its own virtual thread under {@code sendTimeout}; past it the thread is interrupted, which
 * closes its socket, and the answer is a Retry, so a stalling relay cannot keep a send alive past the lease.
 * Reasons are one line with the relay's code and text, never the recipient's address.
 */
public final class SmtpEmailProvider implements ChannelProvider {
    private final String name;
    private final JavaMailSenderImpl sender;
    private final String from;
    private final Duration sendTimeout;

    public SmtpEmailProvider(String name, SmtpSettings settings) {
        this.name = name;
        this.from = settings.from();
        this.sendTimeout = settings.sendTimeout();
        this.sender = new JavaMailSenderImpl();
        sender.setHost(settings.host());
        sender.setPort(settings.port());
        sender.setUsername(settings.username());
        sender.setPassword(settings.password());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        Properties props = sender.getJavaMailProperties();
        props.put("mail.smtp.auth", String.valueOf(settings.username() != null));
        props.put("mail.smtp.starttls.enable", String.valueOf(settings.startTls()));
        props.put("mail.smtp.connectiontimeout", String.valueOf(settings.connectTimeout().toMillis()));
        props.put("mail.smtp.timeout", String.valueOf(settings.readTimeout().toMillis()));
        props.put("mail.smtp.writetimeout", String.valueOf(settings.readTimeout().toMillis()));
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

    @Override
    public SendResult send(OutboundMessage message) {
        MimeMessage mime;
        try {
            mime = mime(message);
        } catch (MessagingException e) {
            return new SendResult.Rejected(name, "message could not be built: " + e.getClass().getSimpleName(), false);
        }
        FutureTask<Void> sending = new FutureTask<>(() -> {
            sender.send(mime);
            return null;
        });
        Thread.ofVirtual().name("smtp-" + name).start(sending);
        try {
            sending.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return new SendResult.Sent(name, mime.getMessageID());
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
            return switch (e.getCause()) {
                case MailAuthenticationException auth ->
                        new SendResult.Retry(name, "SMTP authentication failed; check the " + name + " credentials");
                case MailSendException failed -> classify(failed);
                case MailException other -> new SendResult.Retry(name, "SMTP unavailable: " + rootMessage(other));
                default -> new SendResult.Retry(name, "SMTP send failed: " + rootMessage(e.getCause()));
            };
        } catch (MessagingException e) {
            // Only getMessageID can land here, after the relay took the message.
            return new SendResult.Sent(name, null);
        }
    }

    private MimeMessage mime(OutboundMessage message) throws MessagingException {
        MimeMessage mime = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(mime, true, StandardCharsets.UTF_8.name());
        helper.setFrom(from);
        helper.setTo(message.address());
        helper.setSubject(message.message().subject() == null ? "" : message.message().subject());
        String text = message.message().text();
        String html = message.message().html();
        if (html != null) {
            helper.setText(text, html);
        } else {
            helper.setText(text, false);
        }
        // Lets receivers and support staff trace a mail back to its delivery; also the provider-side dedup key.
        mime.setHeader("X-Herald-Delivery-Id", message.idempotencyKey());
        return mime;
    }

    /**
     * The relay's answer decides. To RCPT TO: 5xx is a dead address; a 4xx about the mailbox is this recipient's
     * passing trouble (retried, but not held against the relay); other 4xx are the relay's. To MAIL FROM or DATA:
     * 5xx refuses the message, 4xx is the relay's passing trouble. Without an answer, connection trouble.
     */
    private SendResult classify(MailSendException e) {
        for (Exception failure : e.getMessageExceptions()) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
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
        }
        for (Exception failure : e.getMessageExceptions()) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof SMTPSendFailedException send && send.getReturnCode() > 0) {
                    SmtpReply reply = SmtpReply.of(send.getReturnCode(), send.getMessage());
                    String step = send.getCommand() == null ? "send"
                            : send.getCommand().strip().split("[\\s:]", 2)[0].toUpperCase(Locale.ROOT);
                    return reply.code() >= 500 ? new SendResult.Rejected(name, reply.describe(step), false)
                            : new SendResult.Retry(name, reply.describe(step));
                }
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
