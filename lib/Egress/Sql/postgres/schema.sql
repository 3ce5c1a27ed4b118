-- The Metronome data export in PostgreSQL: the tables of ../schema.sql (SQLite), with exact and native types.
-- Why a file of its own: the types differ. Money and quantities are NUMERIC (exact, any scale), timestamps
-- TIMESTAMPTZ, JSON columns JSONB, and every text column is COLLATE "C", so that ORDER BY and MIN compare bytes as
-- SQLite does, whatever the database's locale: the answers come out in the same order on every engine.
-- The loader creates all of this and COPYs the nine files in one transaction: a failed load leaves nothing.

CREATE TABLE customer (
    id                           TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    name                         TEXT COLLATE "C" NOT NULL,
    ingest_aliases               JSONB,     -- JSON array of the aliases its events are sent under
    salesforce_account_id        TEXT COLLATE "C",
    billing_provider_type        TEXT COLLATE "C",
    billing_provider_customer_id TEXT COLLATE "C",
    custom_fields                JSONB,
    environment_type             TEXT COLLATE "C",
    created_at                   TIMESTAMPTZ,
    updated_at                   TIMESTAMPTZ,
    archived_at                  TIMESTAMPTZ
);
CREATE INDEX customer_by_name ON customer (name);

-- Derived by the loader from customer.ingest_aliases: events.customer_id holds an alias, not customer.id.
CREATE TABLE customer_ingest_alias (
    alias       TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    customer_id TEXT COLLATE "C" NOT NULL REFERENCES customer (id)
);
CREATE INDEX customer_ingest_alias_by_customer ON customer_ingest_alias (customer_id);

CREATE TABLE plan (
    id                TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    name              TEXT COLLATE "C" NOT NULL,
    description       TEXT COLLATE "C",
    billing_frequency TEXT COLLATE "C",
    starting_on       TIMESTAMPTZ,
    custom_fields     JSONB,
    environment_type  TEXT COLLATE "C",
    created_at        TIMESTAMPTZ,
    deprecated_at     TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ
);

CREATE TABLE product (
    id               TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    name             TEXT COLLATE "C" NOT NULL,
    description      TEXT COLLATE "C",
    custom_fields    JSONB,
    created_at       TIMESTAMPTZ,
    environment_type TEXT COLLATE "C",
    deprecated_at    TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ
);

CREATE TABLE billable_metric (
    id               TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    aggregate        TEXT COLLATE "C",
    aggregate_keys   JSONB,     -- e.g. ["cpu_hours"]: the property summed
    environment_type TEXT COLLATE "C",
    group_keys       JSONB,
    name             TEXT COLLATE "C" NOT NULL, -- e.g. "CPU hours (m5.4xlarge)": see metric_rule
    created_at       TIMESTAMPTZ,
    archived_at      TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ
);
CREATE INDEX billable_metric_by_name ON billable_metric (name);

-- A charge of a plan: which product and billable metric it prices. The export has no price column; the unit
-- price of a charge is found from the sub-line items that billed it (subtotal / quantity).
CREATE TABLE plan_charge (
    id                   TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    charge_id            TEXT COLLATE "C" NOT NULL,
    name                 TEXT COLLATE "C",
    plan_id              TEXT COLLATE "C" NOT NULL,
    product_id           TEXT COLLATE "C",
    product_name         TEXT COLLATE "C",
    billable_metric_id   TEXT COLLATE "C",
    billable_metric_name TEXT COLLATE "C",
    start_period         BIGINT,
    credit_type_id       TEXT COLLATE "C",
    credit_type_name     TEXT COLLATE "C",
    charge_type          TEXT COLLATE "C",
    quantity             NUMERIC,
    environment_type     TEXT COLLATE "C",
    custom_fields        JSONB,
    updated_at           TIMESTAMPTZ
);
CREATE INDEX plan_charge_by_plan ON plan_charge (plan_id, billable_metric_id);
CREATE INDEX plan_charge_by_charge ON plan_charge (charge_id);

CREATE TABLE invoice (
    id                                       TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    status                                   TEXT COLLATE "C" NOT NULL, -- DRAFT, FINALIZED or VOID
    total                                    NUMERIC NOT NULL, -- in the credit type's unit (USD (cents))
    credit_type_id                           TEXT COLLATE "C",
    credit_type_name                         TEXT COLLATE "C",
    customer_id                              TEXT COLLATE "C" NOT NULL,
    plan_id                                  TEXT COLLATE "C",
    plan_name                                TEXT COLLATE "C",
    start_timestamp                          TIMESTAMPTZ NOT NULL, -- billing period [start, end)
    end_timestamp                            TIMESTAMPTZ NOT NULL,
    billing_provider_invoice_id              TEXT COLLATE "C",
    billing_provider_invoice_external_status TEXT COLLATE "C",
    invoice_label                            TEXT COLLATE "C",
    issued_at                                TIMESTAMPTZ,
    metadata                                 JSONB,
    environment_type                         TEXT COLLATE "C",
    updated_at                               TIMESTAMPTZ
);
CREATE INDEX invoice_by_customer ON invoice (customer_id, start_timestamp);
CREATE INDEX invoice_by_plan ON invoice (plan_id);

-- One line per product on an invoice.
CREATE TABLE line_item (
    id               TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    invoice_id       TEXT COLLATE "C" NOT NULL,
    credit_grant_id  TEXT COLLATE "C",
    credit_type_id   TEXT COLLATE "C",
    credit_type_name TEXT COLLATE "C",
    name             TEXT COLLATE "C",          -- the product's name
    quantity         NUMERIC,
    total            NUMERIC NOT NULL,
    commit_id        TEXT COLLATE "C",
    product_id       TEXT COLLATE "C",
    group_value      TEXT COLLATE "C",
    updated_at       TIMESTAMPTZ
);
CREATE INDEX line_item_by_invoice ON line_item (invoice_id);

-- One sub-line per charge under a line item: quantity x unit price = subtotal.
CREATE TABLE sub_line_item (
    id                   TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    line_item_id         TEXT COLLATE "C" NOT NULL,
    name                 TEXT COLLATE "C",      -- the charge's name
    quantity             NUMERIC NOT NULL,
    subtotal             NUMERIC NOT NULL,
    charge_id            TEXT COLLATE "C",
    billable_metric_id   TEXT COLLATE "C",
    billable_metric_name TEXT COLLATE "C",
    tiers                JSONB,
    updated_at           TIMESTAMPTZ
);
CREATE INDEX sub_line_item_by_line_item ON sub_line_item (line_item_id);
CREATE INDEX sub_line_item_by_charge ON sub_line_item (charge_id);

CREATE TABLE events (
    transaction_id   TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    customer_id      TEXT COLLATE "C" NOT NULL,  -- the customer's ingest alias (see customer_ingest_alias), not customer.id
    timestamp        TIMESTAMPTZ NOT NULL,
    event_type       TEXT COLLATE "C" NOT NULL,
    properties_json  JSONB,      -- the export's properties ({key=value, ...}) as a JSON object, by the loader
    environment_type TEXT COLLATE "C"
);
CREATE INDEX events_by_type ON events (event_type, timestamp);

-- RECONSTRUCTED: which events feed which billable metric. A real Metronome metric holds an event-type filter
-- and property filters; the export keeps only aggregate_keys and group_keys. The rule is read from the metric's
-- name instead: a metric named "<family> (<value>)" sums quantity_property over the events of event_type whose
-- group_property equals <value> (with the image-size spelling 256×256 normalised to 256x256).
CREATE TABLE metric_rule (
    family            TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    event_type        TEXT COLLATE "C" NOT NULL,
    quantity_property TEXT COLLATE "C" NOT NULL,
    group_property    TEXT COLLATE "C" NOT NULL
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
    customer_id        TEXT COLLATE "C" NOT NULL,
    event_timestamp    TIMESTAMPTZ NOT NULL,
    billable_metric_id TEXT COLLATE "C" NOT NULL,
    quantity           NUMERIC,
    transaction_id     TEXT COLLATE "C" NOT NULL
);
