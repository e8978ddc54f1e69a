-- Memory of a bot: variable values per end user and the rows of its tables. Variable definitions live in
-- the bot's draft and versions (bots.draft -> 'variables'); table definitions here.

-- One value per (bot, connector, end user of that connector, keyword); absent = the definition's default.
create table memory_variables (
    bot_id        bigint not null references bots (id),
    connector_id  varchar(64) not null,
    connector_uid varchar(128) not null,
    keyword       varchar(64) not null,
    value         text not null,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    primary key (bot_id, connector_id, connector_uid, keyword)
);

-- fields: [{name, type: text|number|date|float|bool, required, description}]
create table memory_tables (
    id           bigint primary key,
    bot_id       bigint not null references bots (id),
    workspace_id bigint not null,
    name         varchar(64) not null,
    description  varchar(1000) not null default '',
    rw_mode      varchar(16) not null,
    fields       jsonb not null,
    created_by   bigint not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
create unique index memory_tables_name_uq on memory_tables (bot_id, lower(name));

-- Rows of every memory table as JSON objects (field -> value), so defining a table never runs DDL.
create table memory_rows (
    id           bigint primary key,
    table_id     bigint not null references memory_tables (id) on delete cascade,
    user_id      varchar(128) not null,
    connector_id varchar(64) not null,
    data         jsonb not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
create index memory_rows_table_idx on memory_rows (table_id, id);
create index memory_rows_user_idx on memory_rows (table_id, user_id, id);

-- Date fields are stored as ISO-8601 instants and compared as timestamptz. PostgreSQL does not promise to
-- evaluate "table_id = ?" before the cast, so the cast must not fail on another table's text that happens
-- to sit under the same key: anything that is not a timestamp compares as null.
create function memory_timestamptz(value text) returns timestamptz
    language plpgsql stable strict as
$$
begin
    return value::timestamptz;
exception
    when others then return null;
end;
$$;
