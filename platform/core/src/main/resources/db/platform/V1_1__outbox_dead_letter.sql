-- Events Kafka refused for good (too large, invalid topic): kept for an operator instead of blocking
-- every later event behind them.
create table outbox_dead_letter (
    id          bigint primary key,
    topic       varchar(200) not null,
    record_key  varchar(200),
    payload     jsonb not null,
    created_at  timestamptz not null,
    failed_at   timestamptz not null,
    error       varchar(1000) not null
);
