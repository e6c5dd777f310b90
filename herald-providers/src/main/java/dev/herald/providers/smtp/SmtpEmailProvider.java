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
import java.util.Properties;

/** Email over SMTP with an HTML and a plain-text part, through Jakarta Mail (Angus) and Spring's mail support. */
public final class SmtpEmailProvider implements ChannelProvider {
    private final String name;
    private final JavaMailSenderImpl sender;
    private final String from;

    public SmtpEmailProvider(String name, SmtpSettings settings) {
        this.name = name;
        this.from = settings.from();
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
    public SendResult send(OutboundMessage message) {
        try {
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
            sender.send(mime);
            return new SendResult.Sent(name, mime.getMessageID());
        } catch (MailAuthenticationException e) {
            return new SendResult.Retry(name, "SMTP authentication failed; check herald.providers.email.smtp credentials");
        } catch (MailSendException e) {
            return classify(e);
        } catch (MailException e) {
            return new SendResult.Retry(name, "SMTP unavailable: " + rootMessage(e));
        } catch (MessagingException e) {
            return new SendResult.Rejected(name, "message could not be built: " + e.getMessage(), false);
        }
    }

    /** 5xx from the server for the message or recipient is permanent; 4xx and connection trouble are passing. */
    private SendResult classify(MailSendException e) {
        for (Exception failure : e.getMessageExceptions()) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof SMTPAddressFailedException address && address.getReturnCode() >= 500) {
                    return new SendResult.Rejected(name, "recipient refused: " + address.getReturnCode(), true);
                }
                if (t instanceof SMTPSendFailedException send && send.getReturnCode() >= 500) {
                    return new SendResult.Rejected(name, "message refused: " + send.getReturnCode(), false);
                }
            }
        }
        return new SendResult.Retry(name, "SMTP send failed: " + rootMessage(e));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }
}
