-- Bots: the draft is a JSON document (BotDefinition); every publish snapshots it into bot_versions.
create table bots (
    id               bigint primary key,
    workspace_id     bigint not null,
    owner_id         bigint not null,
    name             varchar(100) not null,
    description      varchar(2000) not null default '',
    icon_url         varchar(2048) not null default '',
    mode             varchar(16) not null,
    platform_type    varchar(32) not null,
    platform_config  text,            -- AES-GCM ciphertext of a JSON object (channel credentials live here)
    draft            jsonb not null,
    latest_version   int not null default 0,
    published_at     timestamptz,
    is_running       boolean not null default false,
    started_at       timestamptz,
    message_count    bigint not null default 0,
    error_count      bigint not null default 0,
    last_activity_at timestamptz,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    deleted_at       timestamptz
);
create index bots_workspace_idx on bots (workspace_id, id desc) where deleted_at is null;

create table bot_versions (
    bot_id       bigint not null references bots (id),
    version      int not null,
    definition   jsonb not null,
    changelog    varchar(2000) not null default '',
    published_by bigint not null,
    created_at   timestamptz not null,
    primary key (bot_id, version)
);

-- LLM providers of a workspace; the API key is AES-GCM ciphertext, api_key_hint its masked form.
create table providers (
    id             bigint primary key,
    workspace_id   bigint not null,
    name           varchar(100) not null,
    type           varchar(32) not null,
    base_url       varchar(2048) not null,
    api_key        text,
    api_key_hint   varchar(32) not null default '',
    models         jsonb not null default '[]',
    default_model  varchar(200) not null default '',
    default_params jsonb not null default '{}',
    is_default     boolean not null default false,
    created_by     bigint not null,
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);
create unique index providers_name_uq on providers (workspace_id, lower(name));
create unique index providers_default_uq on providers (workspace_id) where is_default;

