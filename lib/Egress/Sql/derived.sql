-- Run once the export's rows are in: the indexes the answers use, built over the loaded rows (faster than keeping
-- them up to date row by row), and metered_usage, each event's properties read once here rather than at every query.
CREATE INDEX customer_by_name ON customer (name);
CREATE INDEX customer_ingest_alias_by_customer ON customer_ingest_alias (customer_id);
CREATE INDEX billable_metric_by_name ON billable_metric (name);
CREATE INDEX plan_charge_by_plan ON plan_charge (plan_id, billable_metric_id);
CREATE INDEX plan_charge_by_charge ON plan_charge (charge_id);
CREATE INDEX invoice_by_customer ON invoice (customer_id, start_timestamp);
CREATE INDEX invoice_by_plan ON invoice (plan_id);
CREATE INDEX line_item_by_invoice ON line_item (invoice_id);
CREATE INDEX sub_line_item_by_line_item ON sub_line_item (line_item_id);
CREATE INDEX sub_line_item_by_charge ON sub_line_item (charge_id);
CREATE INDEX events_by_type ON events (event_type, timestamp);

-- Every event mapped to the billable metric it feeds, with customer_id resolved from the alias to customer.id.
-- Events of other types, of unknown aliases, or whose group value names no metric feed nothing; an event without
-- the quantity property has a NULL quantity (SUM skips it).
CREATE TABLE metered_usage (
    customer_id        TEXT NOT NULL,
    event_timestamp    TIMESTAMP_TEXT NOT NULL,
    billable_metric_id TEXT NOT NULL,
    quantity,          -- as the property holds it: a number (a numeric string would be summed too)
    transaction_id     TEXT NOT NULL
);
INSERT INTO metered_usage (customer_id, event_timestamp, billable_metric_id, quantity, transaction_id)
SELECT a.customer_id,
       e.timestamp,
       m.id,
       json_extract(e.properties_json, '$."' || r.quantity_property || '"'),
       e.transaction_id
FROM events e
JOIN customer_ingest_alias a ON a.alias = e.customer_id
CROSS JOIN metric_rule r ON r.event_type = e.event_type -- CROSS JOIN: events first, read in table order
JOIN billable_metric m
  ON m.name = r.family || ' ('
            || replace(CAST(json_extract(e.properties_json, '$."' || r.group_property || '"') AS TEXT), '×', 'x')
            || ')'
 AND m.archived_at IS NULL;
CREATE INDEX metered_usage_by_customer ON metered_usage (customer_id, event_timestamp);

ANALYZE;
