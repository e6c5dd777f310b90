-- Each user's inbox-token generation: part of every user token, moved on when the user is deleted, so tokens issued
-- before no longer verify, even after a user with the same id is created again. Not a column of app_user: it must
-- outlive the user's row. A user without a row here is at generation 0.
CREATE TABLE user_token_generation (
    tenant_id   VARCHAR(64)  NOT NULL,
    user_id     VARCHAR(128) NOT NULL,
    generation  BIGINT       NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);
