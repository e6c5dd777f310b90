package dev.herald.providers.smtp;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import java.io.OutputStream;

/**
 * One connected SMTP session that the pool lends out. It remembers whether the message it is sending got as far as
 * {@code DATA} (or {@code BDAT}): before that the relay cannot have taken the message, so a failure may be retried
 * on another connection without risking a second copy; from then on it may have, and it is not resent here.
 */
final class SmtpConnection extends SMTPTransport {
    private volatile boolean dataStarted;
    private int uses;
    private volatile boolean retired;

    SmtpConnection(Session session, URLName url) {
        super(session, url);
    }

    /**
     * Sends one message; afterwards {@link #dataStarted()} tells how far it got.
     *
     * @return the relay's reply to the end of the message data (read here, before the session goes back to the pool)
     */
    String send(MimeMessage message) throws MessagingException {
        dataStarted = false;
        uses++;
        Address[] recipients = message.getAllRecipients();
        sendMessage(message, recipients == null ? new Address[0] : recipients);
        return getLastServerResponse();
    }

    /** Whether the message of the last {@link #send} reached the data phase (so the relay may have kept it). */
    boolean dataStarted() {
        return dataStarted;
    }

    /** Messages this session was asked to carry; 0 for a new connection. */
    int uses() {
        return uses;
    }

    /** Marks the session for closing when it goes back to the pool, instead of being lent again. */
    void retire() {
        retired = true;
    }

    boolean retired() {
        return retired;
    }

    /** Ends a failed transaction so the session can carry the next message; false when the session is unusable. */
    boolean reset() {
        try {
            return simpleCommand("RSET") == 250;
        } catch (MessagingException | RuntimeException e) {
            return false;
        }
    }

    @Override
    protected OutputStream data() throws MessagingException {
        dataStarted = true;
        return super.data();
    }

    @Override
    protected OutputStream bdat() throws MessagingException {
        dataStarted = true;
        return super.bdat();
    }
}
