-- The ARR rollup's inputs as rollup.sql reads them, for DuckDB and PostgreSQL alike. The workbook loads them after
-- the same validation as the in-memory engine (bad rows are an error, or skipped with --lenient; subscriptions of
-- unknown accounts and items of unknown subscriptions are reported and left out), so these tables hold only rows
-- that count. In a warehouse, point rollup.sql at your own accounts, subscriptions and items instead.
CREATE TABLE arr_account (
    account_row BIGINT  NOT NULL,  -- the row's position in accounts.csv (0-based): the output keeps the input's order
    id          TEXT    NOT NULL,
    parent_id   TEXT               -- as written: empty, itself, an account, or an id that names no account
);

CREATE TABLE arr_subscription (
    id         TEXT NOT NULL,
    account_id TEXT NOT NULL,
    start_date DATE NOT NULL,
    end_date   DATE NOT NULL
);

-- One subscription item: its ARR is quantity x list_price x (1 - discount), exact; the loader computes it as it
-- validates the three numbers (in a warehouse: SUM(i.quantity * i.list_price * (1 - i.discount)) in rollup.sql).
CREATE TABLE arr_item (
    subscription_id TEXT           NOT NULL,
    start_date      DATE           NOT NULL,
    end_date        DATE           NOT NULL,
    arr             DECIMAL(38, 18) NOT NULL
);

-- The day ARR is measured on: a one-row table, so rollup.sql is plain SQL with no engine's parameter syntax.
CREATE TABLE arr_as_of (
    as_of DATE NOT NULL
);
