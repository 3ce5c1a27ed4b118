-- The Metronome data export in SQLite: one table per exported file, with the export's own column names.
--
-- The loader reads this file to know, for each table, which CSV columns it needs and how to parse them, so the
-- column list lives here only. A column marked "-- key:" is a key like a PRIMARY KEY (unique, required; the loader
-- refuses a duplicate at its file:line:column) that SQLite does not index: nothing looks those rows up by it, and
-- an index on random ids costs a large part of the load. Other indexes come after the rows are in (derived.sql).
-- Declared types:
--   TEXT, INTEGER, REAL  as usual; an empty CSV cell becomes NULL; NOT NULL columns must have a value.
--   TIMESTAMP_TEXT       TEXT affinity. Normalised to fixed-width ISO-8601 UTC, e.g. 2024-03-13T00:57:44.673Z,
--                        so comparing the text orders by time ('2024-03-01T00:00:00.000Z' <= t < '2024-04-01...').
--   JSON_TEXT            TEXT affinity, checked to be valid JSON.
-- Money (invoice.total, line_item.total, sub_line_item.subtotal) is REAL in the invoice's credit type, here
-- USD (cents), with fractional cents as exported (810127.205).

CREATE TABLE customer (
    id                           TEXT NOT NULL PRIMARY KEY,
    name                         TEXT NOT NULL,
    ingest_aliases               JSON_TEXT,     -- JSON array of the aliases its events are sent under
    salesforce_account_id        TEXT,
    billing_provider_type        TEXT,
    billing_provider_customer_id TEXT,
    custom_fields                JSON_TEXT,
    environment_type             TEXT,
    created_at                   TIMESTAMP_TEXT,
    updated_at                   TIMESTAMP_TEXT,
    archived_at                  TIMESTAMP_TEXT
);

-- Derived by the loader from customer.ingest_aliases: events.customer_id holds an alias, not customer.id.
CREATE TABLE customer_ingest_alias (
    alias       TEXT NOT NULL PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customer (id)
);

CREATE TABLE plan (
    id                TEXT NOT NULL PRIMARY KEY,
    name              TEXT NOT NULL,
    description       TEXT,
    billing_frequency TEXT,
    starting_on       TIMESTAMP_TEXT,
    custom_fields     JSON_TEXT,
    environment_type  TEXT,
    created_at        TIMESTAMP_TEXT,
    deprecated_at     TIMESTAMP_TEXT,
    updated_at        TIMESTAMP_TEXT
);

CREATE TABLE product (
    id               TEXT NOT NULL PRIMARY KEY,
    name             TEXT NOT NULL,
    description      TEXT,
    custom_fields    JSON_TEXT,
    created_at       TIMESTAMP_TEXT,
    environment_type TEXT,
    deprecated_at    TIMESTAMP_TEXT,
    updated_at       TIMESTAMP_TEXT
);

CREATE TABLE billable_metric (
    id               TEXT NOT NULL PRIMARY KEY,
    aggregate        TEXT,
    aggregate_keys   JSON_TEXT,     -- e.g. ["cpu_hours"]: the property summed
    environment_type TEXT,
    group_keys       JSON_TEXT,
    name             TEXT NOT NULL, -- e.g. "CPU hours (m5.4xlarge)": see metric_rule
    created_at       TIMESTAMP_TEXT,
    archived_at      TIMESTAMP_TEXT,
    updated_at       TIMESTAMP_TEXT
);

-- A charge of a plan: which product and billable metric it prices. The export has no price column; the unit
-- price of a charge is found from the sub-line items that billed it (subtotal / quantity).
CREATE TABLE plan_charge (
    id                   TEXT NOT NULL PRIMARY KEY,
    charge_id            TEXT NOT NULL,
    name                 TEXT,
    plan_id              TEXT NOT NULL,
    product_id           TEXT,
    product_name         TEXT,
    billable_metric_id   TEXT,
    billable_metric_name TEXT,
    start_period         INTEGER,
    credit_type_id       TEXT,
    credit_type_name     TEXT,
    charge_type          TEXT,
    quantity             REAL,
    environment_type     TEXT,
    custom_fields        JSON_TEXT,
    updated_at           TIMESTAMP_TEXT
);

CREATE TABLE invoice (
    id                                       TEXT NOT NULL PRIMARY KEY,
    status                                   TEXT NOT NULL, -- DRAFT, FINALIZED or VOID
    total                                    REAL NOT NULL, -- in the credit type's unit (USD (cents))
    credit_type_id                           TEXT,
    credit_type_name                         TEXT,
    customer_id                              TEXT NOT NULL,
    plan_id                                  TEXT,
    plan_name                                TEXT,
    start_timestamp                          TIMESTAMP_TEXT NOT NULL, -- billing period [start, end)
    end_timestamp                            TIMESTAMP_TEXT NOT NULL,
    billing_provider_invoice_id              TEXT,
    billing_provider_invoice_external_status TEXT,
    invoice_label                            TEXT,
    issued_at                                TIMESTAMP_TEXT,
    metadata                                 JSON_TEXT,
    environment_type                         TEXT,
    updated_at                               TIMESTAMP_TEXT
);

-- One line per product on an invoice.
CREATE TABLE line_item (
    id               TEXT NOT NULL PRIMARY KEY,
    invoice_id       TEXT NOT NULL,
    credit_grant_id  TEXT,
    credit_type_id   TEXT,
    credit_type_name TEXT,
    name             TEXT,          -- the product's name
    quantity         REAL,
    total            REAL NOT NULL,
    commit_id        TEXT,
    product_id       TEXT,
    group_value      TEXT,
    updated_at       TIMESTAMP_TEXT
);

-- One sub-line per charge under a line item: quantity x unit price = subtotal.
CREATE TABLE sub_line_item (
    id                   TEXT NOT NULL, -- key: see above
    line_item_id         TEXT NOT NULL,
    name                 TEXT,      -- the charge's name
    quantity             REAL NOT NULL,
    subtotal             REAL NOT NULL,
    charge_id            TEXT,
    billable_metric_id   TEXT,
    billable_metric_name TEXT,
    tiers                JSON_TEXT,
    updated_at           TIMESTAMP_TEXT
);

CREATE TABLE events (
    transaction_id   TEXT NOT NULL, -- key: see above
    customer_id      TEXT NOT NULL,  -- the customer's ingest alias (see customer_ingest_alias), not customer.id
    timestamp        TIMESTAMP_TEXT NOT NULL,
    event_type       TEXT NOT NULL,
    properties_json  JSON_TEXT,      -- the export's properties ({key=value, ...}) as a JSON object, by the loader
    environment_type TEXT
);

-- RECONSTRUCTED: which events feed which billable metric. A real Metronome metric holds an event-type filter
-- and property filters; the export keeps only aggregate_keys and group_keys. The rule is read from the metric's
-- name instead: a metric named "<family> (<value>)" sums quantity_property over the events of event_type whose
-- group_property equals <value> (with the image-size spelling 256×256 normalised to 256x256).
CREATE TABLE metric_rule (
    family            TEXT NOT NULL PRIMARY KEY,
    event_type        TEXT NOT NULL,
    quantity_property TEXT NOT NULL,
    group_property    TEXT NOT NULL
);
INSERT INTO metric_rule (family, event_type, quantity_property, group_property) VALUES
    ('CPU hours',        'usage_events',     'cpu_hours',        'instanceType'),
    ('Storage GB-Hours', 'usage_events',     'storage_gb-hours', 'region'),
    ('Images',           'image_modeler',    'num_images',       'image_size'),
    ('Language Model',   'language_modeler', 'words',            'model'),
    ('Fine Tuning',      'fine_tuning',      'words',            'model');
CREATE INDEX metric_rule_by_event_type ON metric_rule (event_type);

-- Every event mapped to the billable metric it feeds (metric_rule), with customer_id resolved from the alias to
-- customer.id: derived by the loader as it reads the events (UsageMetering), so no query parses the properties again.
-- Events of other types, of unknown aliases, or whose group value names no metric feed nothing; a quantity that is
-- missing or not a JSON number is NULL (SUM skips it).
CREATE TABLE metered_usage (
    customer_id        TEXT NOT NULL,
    event_timestamp    TIMESTAMP_TEXT NOT NULL,
    billable_metric_id TEXT NOT NULL,
    quantity           REAL,
    transaction_id     TEXT NOT NULL
);
