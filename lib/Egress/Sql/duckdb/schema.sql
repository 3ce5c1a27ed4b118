-- The Metronome data export in DuckDB: the tables of ../schema.sql (SQLite), with exact and native types.
-- Why a file of its own: the types differ. Money and quantities are DECIMAL(38, 12) (exact; the loader refuses a
-- value with more than 12 decimals rather than round it), timestamps TIMESTAMPTZ, JSON columns JSON. There are no
-- PRIMARY KEYs or indexes: DuckDB scans its columns faster than it maintains an index while appending, and the
-- loader has already refused duplicate keys (file:line: column 'x': duplicate ...), as it does for every engine.

CREATE TABLE customer (
    id                           VARCHAR NOT NULL,
    name                         VARCHAR NOT NULL,
    ingest_aliases               JSON,     -- JSON array of the aliases its events are sent under
    salesforce_account_id        VARCHAR,
    billing_provider_type        VARCHAR,
    billing_provider_customer_id VARCHAR,
    custom_fields                JSON,
    environment_type             VARCHAR,
    created_at                   TIMESTAMPTZ,
    updated_at                   TIMESTAMPTZ,
    archived_at                  TIMESTAMPTZ
);

-- Derived by the loader from customer.ingest_aliases: events.customer_id holds an alias, not customer.id.
CREATE TABLE customer_ingest_alias (
    alias       VARCHAR NOT NULL,
    customer_id VARCHAR NOT NULL
);

CREATE TABLE plan (
    id                VARCHAR NOT NULL,
    name              VARCHAR NOT NULL,
    description       VARCHAR,
    billing_frequency VARCHAR,
    starting_on       TIMESTAMPTZ,
    custom_fields     JSON,
    environment_type  VARCHAR,
    created_at        TIMESTAMPTZ,
    deprecated_at     TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ
);

CREATE TABLE product (
    id               VARCHAR NOT NULL,
    name             VARCHAR NOT NULL,
    description      VARCHAR,
    custom_fields    JSON,
    created_at       TIMESTAMPTZ,
    environment_type VARCHAR,
    deprecated_at    TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ
);

CREATE TABLE billable_metric (
    id               VARCHAR NOT NULL,
    aggregate        VARCHAR,
    aggregate_keys   JSON,     -- e.g. ["cpu_hours"]: the property summed
    environment_type VARCHAR,
    group_keys       JSON,
    name             VARCHAR NOT NULL, -- e.g. "CPU hours (m5.4xlarge)": see metric_rule
    created_at       TIMESTAMPTZ,
    archived_at      TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ
);

-- A charge of a plan: which product and billable metric it prices. The export has no price column; the unit
-- price of a charge is found from the sub-line items that billed it (subtotal / quantity).
CREATE TABLE plan_charge (
    id                   VARCHAR NOT NULL,
    charge_id            VARCHAR NOT NULL,
    name                 VARCHAR,
    plan_id              VARCHAR NOT NULL,
    product_id           VARCHAR,
    product_name         VARCHAR,
    billable_metric_id   VARCHAR,
    billable_metric_name VARCHAR,
    start_period         BIGINT,
    credit_type_id       VARCHAR,
    credit_type_name     VARCHAR,
    charge_type          VARCHAR,
    quantity             DECIMAL(38, 12),
    environment_type     VARCHAR,
    custom_fields        JSON,
    updated_at           TIMESTAMPTZ
);

CREATE TABLE invoice (
    id                                       VARCHAR NOT NULL,
    status                                   VARCHAR NOT NULL, -- DRAFT, FINALIZED or VOID
    total                                    DECIMAL(38, 12) NOT NULL, -- in the credit type's unit (USD (cents))
    credit_type_id                           VARCHAR,
    credit_type_name                         VARCHAR,
    customer_id                              VARCHAR NOT NULL,
    plan_id                                  VARCHAR,
    plan_name                                VARCHAR,
    start_timestamp                          TIMESTAMPTZ NOT NULL, -- billing period [start, end)
    end_timestamp                            TIMESTAMPTZ NOT NULL,
    billing_provider_invoice_id              VARCHAR,
    billing_provider_invoice_external_status VARCHAR,
    invoice_label                            VARCHAR,
    issued_at                                TIMESTAMPTZ,
    metadata                                 JSON,
    environment_type                         VARCHAR,
    updated_at                               TIMESTAMPTZ
);

-- One line per product on an invoice.
CREATE TABLE line_item (
    id               VARCHAR NOT NULL,
    invoice_id       VARCHAR NOT NULL,
    credit_grant_id  VARCHAR,
    credit_type_id   VARCHAR,
    credit_type_name VARCHAR,
    name             VARCHAR,          -- the product's name
    quantity         DECIMAL(38, 12),
    total            DECIMAL(38, 12) NOT NULL,
    commit_id        VARCHAR,
    product_id       VARCHAR,
    group_value      VARCHAR,
    updated_at       TIMESTAMPTZ
);

-- One sub-line per charge under a line item: quantity x unit price = subtotal.
CREATE TABLE sub_line_item (
    id                   VARCHAR NOT NULL,
    line_item_id         VARCHAR NOT NULL,
    name                 VARCHAR,      -- the charge's name
    quantity             DECIMAL(38, 12) NOT NULL,
    subtotal             DECIMAL(38, 12) NOT NULL,
    charge_id            VARCHAR,
    billable_metric_id   VARCHAR,
    billable_metric_name VARCHAR,
    tiers                JSON,
    updated_at           TIMESTAMPTZ
);

CREATE TABLE events (
    transaction_id   VARCHAR NOT NULL,
    customer_id      VARCHAR NOT NULL,  -- the customer's ingest alias (see customer_ingest_alias), not customer.id
    timestamp        TIMESTAMPTZ NOT NULL,
    event_type       VARCHAR NOT NULL,
    properties_json  JSON,      -- the export's properties ({key=value, ...}) as a JSON object, by the loader
    environment_type VARCHAR
);

-- RECONSTRUCTED: which events feed which billable metric. A real Metronome metric holds an event-type filter
-- and property filters; the export keeps only aggregate_keys and group_keys. The rule is read from the metric's
-- name instead: a metric named "<family> (<value>)" sums quantity_property over the events of event_type whose
-- group_property equals <value> (with the image-size spelling 256×256 normalised to 256x256).
CREATE TABLE metric_rule (
    family            VARCHAR NOT NULL,
    event_type        VARCHAR NOT NULL,
    quantity_property VARCHAR NOT NULL,
    group_property    VARCHAR NOT NULL
);
INSERT INTO metric_rule (family, event_type, quantity_property, group_property) VALUES
    ('CPU hours',        'usage_events',     'cpu_hours',        'instanceType'),
    ('Storage GB-Hours', 'usage_events',     'storage_gb-hours', 'region'),
    ('Images',           'image_modeler',    'num_images',       'image_size'),
    ('Language Model',   'language_modeler', 'words',            'model'),
    ('Fine Tuning',      'fine_tuning',      'words',            'model');

-- Every event mapped to the billable metric it feeds (metric_rule), with customer_id resolved from the alias to
-- customer.id: derived by the loader as it reads the events (UsageMetering), so no query parses the properties again.
-- Events of other types, of unknown aliases, or whose group value names no metric feed nothing; a quantity that is
-- missing or not a JSON number is NULL (SUM skips it).
CREATE TABLE metered_usage (
    customer_id        VARCHAR NOT NULL,
    event_timestamp    TIMESTAMPTZ NOT NULL,
    billable_metric_id VARCHAR NOT NULL,
    quantity           DECIMAL(38, 18),
    transaction_id     VARCHAR NOT NULL
);
