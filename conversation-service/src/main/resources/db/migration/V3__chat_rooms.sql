-- Multi-agent chat rooms: a workspace's room where users and several bots (agents) talk together.

create table chat_rooms (
    id               bigint primary key,
    workspace_id     bigint       not null,
    name             varchar(100) not null,
    description      varchar(2000) not null default '',
    policy           varchar(16)  not null default 'all' check (policy in ('all', 'round_robin', 'moderator')),
    moderator_bot_id bigint,                -- policy moderator: the bot whose model picks who answers
    max_agent_turns  integer      not null default 3, -- agent-to-agent replies allowed per user message
    created_by       bigint       not null,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    deleted_at       timestamptz
);
create index chat_rooms_workspace on chat_rooms (workspace_id, id desc) where deleted_at is null;

create table room_agents (
    id         bigint primary key,
    room_id    bigint       not null references chat_rooms (id) on delete cascade,
    bot_id     bigint       not null,
    name       varchar(200) not null,       -- the bot's name when added, refreshed whenever it speaks
    position   integer      not null,       -- speaking order of the policies all and round_robin
    added_by   bigint       not null,
    created_at timestamptz  not null
);
create unique index room_agents_bot on room_agents (room_id, bot_id);

create table room_messages (
    id               bigint primary key,    -- time-ordered: the room's history is ordered by id
    room_id          bigint       not null references chat_rooms (id) on delete cascade,
    participant_type varchar(10)  not null check (participant_type in ('user', 'agent', 'system')),
    participant_id   varchar(128) not null,
    participant_name varchar(200) not null,
    content          text         not null default '',
    reply_to         bigint,                -- agent replies: the message that made the agent speak
    input_tokens     integer      not null default 0,
    output_tokens    integer      not null default 0,
    created_at       timestamptz  not null
);
create index room_messages_room on room_messages (room_id, id);
