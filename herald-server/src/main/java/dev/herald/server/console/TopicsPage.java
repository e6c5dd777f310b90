package dev.herald.server.console;

import dev.herald.core.tenancy.Caller;
import dev.herald.core.topics.SubscriberPage;
import dev.herald.core.topics.Topic;
import dev.herald.core.topics.TopicKey;
import dev.herald.core.topics.TopicStore;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tenant's topics with how many subscribers each has, and one topic's subscribers in user-id order, paged (the
 * same ports as {@code /api/v1/topics}). Reading only: topics and subscribers are changed through the API.
 */
@Controller
class TopicsPage {
    static final int MAX_TOPICS_LISTED = 200;
    static final int SUBSCRIBERS_PAGE = 100;
    /** Counts stop here: a topic with a million subscribers shows "10,000+" instead of costing a million rows. */
    static final long COUNT_CAP = 10_000;
    private static final int MAX_USER_ID = 200;

    private final TopicStore topics;

    TopicsPage(TopicStore topics) {
        this.topics = topics;
    }

    /** A topic as listed: its subscribers counted (up to the cap) when the page is drawn. */
    record ListedTopic(Topic topic, CappedCount subscribers) {
    }

    /** A count that stopped at its cap; {@code more} when there are more than {@code counted}. */
    record CappedCount(long counted, boolean more) {
    }

    private CappedCount subscribers(Caller caller, String key) {
        long counted = topics.countCapped(caller.tenant(), key, COUNT_CAP + 1);
        return new CappedCount(Math.min(counted, COUNT_CAP), counted > COUNT_CAP);
    }

    @GetMapping("/console/topics")
    String list(Caller caller, Model model) {
        // One capped count per topic (at most COUNT_CAP index entries each); the page lists at most MAX_TOPICS_LISTED.
        List<Topic> found = topics.list(caller.tenant(), MAX_TOPICS_LISTED + 1);
        model.addAttribute("topics", found.stream().limit(MAX_TOPICS_LISTED)
                .map(t -> new ListedTopic(t, subscribers(caller, t.key()))).toList());
        model.addAttribute("more", found.size() > MAX_TOPICS_LISTED);
        model.addAttribute("maxListed", MAX_TOPICS_LISTED);
        return "console/topics";
    }

    @GetMapping("/console/topics/{key}")
    String topic(Caller caller, @PathVariable String key, @RequestParam(required = false) String after, Model model,
                 HttpServletResponse response) {
        Optional<Topic> topic = TopicKey.isValid(key) ? topics.find(caller.tenant(), key) : Optional.empty();
        if (topic.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("missing", true);
            return "console/topic";
        }
        if (after != null && (after.length() > MAX_USER_ID || after.indexOf('\0') >= 0)) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errors", List.of("after"));
            model.addAttribute("topic", topic.get());
            model.addAttribute("count", subscribers(caller, key));
            return "console/topic";
        }
        String from = after == null || after.isEmpty() ? null : after;
        SubscriberPage page = topics.subscribers(caller.tenant(), key, from, SUBSCRIBERS_PAGE);
        model.addAttribute("topic", topic.get());
        model.addAttribute("count", subscribers(caller, key));
        model.addAttribute("subscribers", page.userIds());
        model.addAttribute("paged", from != null);
        if (page.nextAfter() != null) {
            model.addAttribute("next", UriComponentsBuilder.fromPath("/console/topics/{key}")
                    .queryParam("after", "{after}").encode()
                    .buildAndExpand(Map.of("key", key, "after", page.nextAfter())).toUriString());
        }
        return "console/topic";
    }
}
