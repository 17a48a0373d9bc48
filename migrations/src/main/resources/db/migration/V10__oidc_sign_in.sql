-- Sign-in through the school's OpenID provider (issue 12, item 3).

-- A provider's account linked to ours by its subject, which the provider never reassigns: once
-- linked, a later change of email at the provider neither moves the link nor lets someone who
-- takes over that email there sign in here. One link per account and provider.
CREATE TABLE user_identities (
    issuer       varchar(500)  NOT NULL,
    subject      varchar(255)  NOT NULL,
    user_id      uuid          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    linked_at    timestamptz   NOT NULL DEFAULT now(),
    last_used_at timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (issuer, subject),
    CONSTRAINT user_identities_one_per_issuer UNIQUE (user_id, issuer)
);

-- A sign-in under way at the provider: the browser holds the state in a cookie, this row holds the
-- nonce, the PKCE verifier and, when the person came from an invitation link, that link's hash.
-- Used once, for ten minutes at most; every node can finish what another began.
CREATE TABLE oidc_flows (
    state_hash      varchar(64)   PRIMARY KEY,
    nonce           varchar(64)   NOT NULL,
    code_verifier   varchar(128)  NOT NULL,
    redirect_uri    varchar(2000) NOT NULL,
    invitation_hash varchar(64),
    created_at      timestamptz   NOT NULL DEFAULT now(),
    expires_at      timestamptz   NOT NULL
);
CREATE INDEX oidc_flows_expiry ON oidc_flows (expires_at);

/* [jooq ignore start] */
-- The security page tells its person when their account was activated through the provider, or a
-- provider's account was linked to theirs.
ALTER TABLE account_events DROP CONSTRAINT account_events_kind_check;
ALTER TABLE account_events ADD CONSTRAINT account_events_kind_check CHECK (kind IN ('invited', 'activated', 'reset',
    'password_changed', 'signed_out_everywhere', 'provider_activated', 'provider_linked'));
/* [jooq ignore stop] */

-- An email is unique within an organization, not across them: an admin inviting someone whose email
-- another organization uses gets the same answer as for anyone new (issue 12's probe: "an admin
-- learns that an email exists in another organization"). A person at two schools has two accounts;
-- sign-in finds the one whose password was typed.
/* [jooq ignore start] */
ALTER TABLE users DROP CONSTRAINT users_email_key;
/* [jooq ignore stop] */
ALTER TABLE users ADD CONSTRAINT users_organization_email UNIQUE (organization_id, email);
CREATE INDEX users_email ON users (email);
