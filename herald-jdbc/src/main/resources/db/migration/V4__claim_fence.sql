-- The outcome fence gets a counter of its own. attempts goes back to 0 when an operator replays a dead letter
-- (and down by one when a deferral gives its attempt back), so it cannot tell an old claim from a new one with the
-- same number; claims counts every claim and never goes back.
ALTER TABLE delivery ADD COLUMN claims BIGINT DEFAULT 0 NOT NULL;
UPDATE delivery SET claims = attempts;
