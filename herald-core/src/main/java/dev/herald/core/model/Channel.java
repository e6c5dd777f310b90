package dev.herald.core.model;

/** The ways Herald can reach a person; each is carried by one or more providers. */
public enum Channel {
    EMAIL, SMS, PUSH, IN_APP, SLACK, KAKAO, WEBHOOK
}
