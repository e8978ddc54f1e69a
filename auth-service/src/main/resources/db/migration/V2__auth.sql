create table users (
    id            bigint primary key,
    username      varchar(32) not null,
    email         varchar(254) not null,
    password_hash varchar(100) not null,
    nickname      varchar(64) not null,
    role          varchar(16) not null,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);
create unique index users_username_uq on users (lower(username));
create unique index users_email_uq on users (lower(email));

create table signing_keys (
    kid         varchar(64) primary key,
    private_pem text not null,
    public_pem  text not null,
    created_at  timestamptz not null
);

create table refresh_tokens (
    id          bigint primary key,
    user_id     bigint not null references users (id) on delete cascade,
    family_id   bigint not null,
    token_hash  varchar(64) not null unique,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    revoked_at  timestamptz,
    created_at  timestamptz not null
);
create index refresh_tokens_family_idx on refresh_tokens (family_id);

create table revoked_jti (
    jti        varchar(64) primary key,
    expires_at timestamptz not null
);

create table workspaces (
    id          bigint primary key,
    name        varchar(100) not null,
    description varchar(1000) not null default '',
    kind        varchar(16) not null,
    owner_id    bigint not null references users (id),
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

create table workspace_members (
    workspace_id bigint not null references workspaces (id) on delete cascade,
    user_id      bigint not null references users (id) on delete cascade,
    role         varchar(16) not null,
    created_at   timestamptz not null,
    primary key (workspace_id, user_id)
);
create index workspace_members_user_idx on workspace_members (user_id);

-- personal access tokens (kind 'pat') and app API keys bound to one bot (kind 'api_key')
create table credentials (
    id           bigint primary key,
    kind         varchar(16) not null,
    user_id      bigint not null references users (id) on delete cascade,
    workspace_id bigint references workspaces (id) on delete cascade,
    bot_id       bigint,
    name         varchar(100) not null,
    token_hash   varchar(64) not null unique,
    token_hint   varchar(16) not null,
    scopes       varchar(1000) not null default '',
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    created_at   timestamptz not null
);
create index credentials_user_idx on credentials (user_id, kind);

-- failed logins per account and per client address, for backoff and lockout
create table login_failures (
    key           varchar(300) primary key,
    failures      int not null,
    window_start  timestamptz not null,
    locked_until  timestamptz
);
