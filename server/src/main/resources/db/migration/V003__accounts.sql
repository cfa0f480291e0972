-- coplan schema, version 3: accounts, settlement memberships and the credentials that stand for
-- an account (browser sessions, API tokens) or for one plan (share links), plus the login
-- attempts that throttling counts. See docs/security.md.
--
-- No secret is stored in a form that can be replayed: passwords are Argon2id hashes (PHC strings
-- that carry their own parameters), and session ids, API tokens and share tokens are 256-bit
-- random values of which only the SHA-256 is kept. A fast hash is right for those: they are
-- unguessable, so there is nothing to brute-force, and lookups by hash stay index scans.

-- An account. Usernames are free text (names in any script, e-mail addresses), stored verbatim;
-- only what cannot travel as one URL path segment or be shown as one line is refused. Two
-- usernames that differ only in case are the same account (the unique index on lower()).
CREATE TABLE account (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username      text NOT NULL
                CHECK (length(username) BETWEEN 1 AND 64
                       AND username = btrim(username)
                       AND username !~ '[[:cntrl:]/\\]'
                       AND username NOT IN ('.', '..')),
  display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  password_hash text NOT NULL,
  is_admin      boolean NOT NULL DEFAULT false,
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text NOT NULL DEFAULT 'system',
  updated_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    text NOT NULL DEFAULT 'system'
);
CREATE UNIQUE INDEX account_username ON account (lower(username));

-- An account's role in one settlement; server-wide admins need no membership.
CREATE TABLE membership (
  settlement_id text NOT NULL REFERENCES settlement (id),
  account_id    bigint NOT NULL REFERENCES account (id),
  role          text NOT NULL
                CHECK (role IN ('planner', 'engineer', 'community_reviewer', 'viewer')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text NOT NULL DEFAULT 'system',
  updated_at    timestamptz NOT NULL DEFAULT now(),
  updated_by    text NOT NULL DEFAULT 'system',
  PRIMARY KEY (settlement_id, account_id)
);
-- every authenticated request loads its account's memberships
CREATE INDEX membership_account ON membership (account_id);

-- A browser session. It ends at expires_at (idle time, pushed forward while in use) or
-- max_expires_at (fixed at sign-in), whichever comes first, or when deleted (sign-out, password
-- change, account disabled). The CSRF token is tied to the session: it is useless without the
-- HttpOnly cookie, so it is stored as it is.
CREATE TABLE user_session (
  id_hash        bytea PRIMARY KEY CHECK (length(id_hash) = 32),
  account_id     bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
  csrf_token     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  max_expires_at timestamptz NOT NULL
);
CREATE INDEX user_session_account ON user_session (account_id);
CREATE INDEX user_session_expires ON user_session (expires_at);

-- A bearer token for scripts and GIS tools. prefix (the first characters of the token) lets its
-- owner tell tokens apart in a list without the token being recoverable.
CREATE TABLE api_token (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id    bigint NOT NULL REFERENCES account (id),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  token_hash    bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  prefix        text NOT NULL,
  scope         text NOT NULL CHECK (scope IN ('read', 'read_write')),
  -- null: every settlement the owner may use; else only this one
  settlement_id text REFERENCES settlement (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text NOT NULL,
  last_used_at  timestamptz,
  revoked_at    timestamptz,
  revoked_by    text
);
CREATE INDEX api_token_account ON api_token (account_id);

-- A read-only link to one plan of one settlement, for meeting screens and notice boards.
CREATE TABLE share_link (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  settlement_id text NOT NULL,
  plan_id       text NOT NULL,
  token_hash    bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  prefix        text NOT NULL,
  label         text CHECK (length(label) <= 200),
  created_at    timestamptz NOT NULL DEFAULT now(),
  created_by    text NOT NULL,
  revoked_at    timestamptz,
  revoked_by    text,
  FOREIGN KEY (settlement_id, plan_id) REFERENCES plan (settlement_id, id)
);
CREATE INDEX share_link_plan ON share_link (settlement_id, plan_id);

-- Every password check, kept for the throttling window (and a day for the record). username_key
-- is the lower-cased name as typed, whether or not such an account exists, so that throttling
-- tells nobody which usernames exist.
CREATE TABLE login_attempt (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username_key text NOT NULL CHECK (length(username_key) <= 64),
  client_ip    text NOT NULL,
  succeeded    boolean NOT NULL,
  attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempt_username ON login_attempt (username_key, attempted_at);
CREATE INDEX login_attempt_ip ON login_attempt (client_ip, attempted_at);
CREATE INDEX login_attempt_time ON login_attempt (attempted_at);
