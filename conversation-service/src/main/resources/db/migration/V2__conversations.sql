-- Conversations and their messages, chats (one model run answering a question), feedback.

create table conversations (
    id              bigint primary key,
    workspace_id    bigint      not null,
    bot_id          bigint,                 -- null: a conversation without a bot (model_config says how to answer)
    creator_id      bigint      not null,   -- the user whose token created it
    end_user_id     varchar(128) not null,  -- Coze user_id: the end user of an app API key; else the creator
    connector_id    varchar(32) not null default '1024',
    name            varchar(200) not null default '',
    meta_data       jsonb       not null default '{}',
    variables       jsonb       not null default '{}',
    model_config    jsonb,
    status          varchar(16) not null default 'active',
    section_id      bigint      not null,   -- current section: earlier sections are not sent to the model
    summary         text,                   -- summary of turns of the current section that left the window
    summary_upto    bigint,                 -- last message id the summary covers
    last_message_at timestamptz,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    deleted_at      timestamptz
);
create index conversations_owner on conversations (creator_id, workspace_id, id desc) where deleted_at is null;
create index conversations_bot on conversations (bot_id, id desc) where deleted_at is null;

create table chats (
    id              bigint primary key,
    conversation_id bigint      not null references conversations (id) on delete cascade,
    workspace_id    bigint      not null,
    bot_id          bigint,
    section_id      bigint      not null,
    end_user_id     varchar(128) not null,
    question_id     bigint,
    answer_id       bigint,
    regenerates     bigint,                 -- the answer this chat offers an alternative to
    status          varchar(20) not null,   -- created in_progress requires_action completed failed canceled
    meta_data       jsonb       not null default '{}',
    required_action jsonb,
    client_tools    jsonb,                  -- tool definitions the API client passed (run by the client)
    last_error_code integer     not null default 0,
    last_error_msg  text        not null default '',
    model           varchar(200),
    input_tokens    integer     not null default 0,
    output_tokens   integer     not null default 0,
    latency_ms      bigint      not null default 0,
    auto_save       boolean     not null default true,
    cancel_requested boolean    not null default false,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    completed_at    timestamptz,
    failed_at       timestamptz
);
-- one running chat per conversation: a second one is refused (103409002)
create unique index chats_one_running on chats (conversation_id) where status in ('created', 'in_progress');
create index chats_conversation on chats (conversation_id, id desc);
create index chats_cancel on chats (id) where cancel_requested and status = 'in_progress';

create table messages (
    id              bigint primary key,
    conversation_id bigint      not null references conversations (id) on delete cascade,
    workspace_id    bigint      not null,
    bot_id          bigint,
    chat_id         bigint,
    section_id      bigint      not null,
    role            varchar(16) not null,   -- user assistant
    type            varchar(20) not null,   -- question answer function_call tool_output tool_response verbose follow_up
    content         text        not null default '',
    content_type    varchar(20) not null default 'text',
    meta_data       jsonb       not null default '{}',
    reasoning_content text      not null default '',
    reply_to        bigint,                 -- answers and tool messages: the question they belong to
    in_use          boolean     not null default true, -- of several answers to one question, the one later turns see
    input_tokens    integer     not null default 0,
    output_tokens   integer     not null default 0,
    latency_ms      bigint      not null default 0,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index messages_conversation on messages (conversation_id, id);
create index messages_chat on messages (chat_id, id);
create index messages_reply on messages (reply_to);

create table message_feedback (
    message_id      bigint      not null references messages (id) on delete cascade,
    user_id         bigint      not null,
    workspace_id    bigint      not null,
    bot_id          bigint,
    kind            varchar(10) not null,   -- like dislike
    comment         text        not null default '',
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    primary key (message_id, user_id)
);
create index message_feedback_bot on message_feedback (bot_id);
