-- Shared by every Atrium service: the transactional outbox and consumer de-duplication.
create table outbox (
    id          bigint primary key,
    topic       varchar(200) not null,
    record_key  varchar(200),
    payload     jsonb not null,
    created_at  timestamptz not null
);

create table processed_event (
    consumer     varchar(100) not null,
    event_id     varchar(40) not null,
    processed_at timestamptz not null,
    primary key (consumer, event_id)
);
