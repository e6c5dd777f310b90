package dev.herald.server.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Caps every API request body: refused up front from Content-Length, or cut off while reading a chunked body.
 * Only the batch routes (notifications' batch, topic subscribers, SendGrid's event batches) get the larger batch cap.
 */
public final class RequestSizeLimitFilter extends OncePerRequestFilter {
    private static final String BATCH_ROUTE = "/api/v1/notifications/batch";
    /** Up to 10,000 user ids of up to 128 characters: a batch's size, not a single request's. */
    private static final java.util.regex.Pattern SUBSCRIBERS_ROUTE =
            java.util.regex.Pattern.compile("^/api/v1/topics/[^/]+/subscribers$");
    /** SendGrid posts its events in batches of up to 768 KB: refusing one would lose its bounces. */
    private static final java.util.regex.Pattern SENDGRID_ROUTE =
            java.util.regex.Pattern.compile("^/api/v1/callbacks/sendgrid/[^/]+$");

    private final long maxBody;
    private final long maxBatchBody;
    private final Problems problems;

    public RequestSizeLimitFilter(long maxBody, long maxBatchBody, Problems problems) {
        this.maxBody = maxBody;
        this.maxBatchBody = maxBatchBody;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = isBatchRoute(request) ? maxBatchBody : maxBody;
        if (request.getContentLengthLong() > limit) {
            problems.write(response, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
                    "request body is " + request.getContentLengthLong() + " bytes; the limit is " + limit,
                    request.getRequestURI());
            return;
        }
        chain.doFilter(new Limited(request, limit), response);
    }

    /**
     * The route, not a path suffix: {@code PUT /api/v1/users/batch} is a user called "batch". The servlet path is
     * decoded and normalised, so {@code /api/v1/notifications/%62atch} is recognised and nothing else sneaks in.
     */
    private static boolean isBatchRoute(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return "POST".equals(request.getMethod()) && (path.equals(BATCH_ROUTE) || SUBSCRIBERS_ROUTE.matcher(path).matches()
                || SENDGRID_ROUTE.matcher(path).matches());
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long count;

        CountingStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws PayloadTooLargeException {
            count += n;
            if (count > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
