-- ../derived.sql in DuckDB. Why a file of its own: no indexes (DuckDB scans its columns faster than it would use
-- them), and JSON is read with -> / ->>, counting a quantity only when it is a JSON number.
-- metered_usage: every event mapped to the billable metric it feeds, with customer_id resolved from the alias to
-- customer.id, each event's properties read once, here. Events of other types, of unknown aliases, or whose group
-- value names no metric feed nothing; an event whose quantity property is missing or not a JSON number has a NULL
-- quantity (SUM skips it).
CREATE TABLE metered_usage AS
SELECT a.customer_id   AS customer_id,
       e.timestamp     AS event_timestamp,
       m.id            AS billable_metric_id,
       CASE WHEN json_type(e.properties_json -> r.quantity_property) IN ('UBIGINT', 'BIGINT', 'HUGEINT', 'DOUBLE')
            THEN CAST(e.properties_json ->> r.quantity_property AS DECIMAL(38, 18)) END AS quantity,
       e.transaction_id AS transaction_id
FROM events e
JOIN customer_ingest_alias a ON a.alias = e.customer_id
JOIN metric_rule r ON r.event_type = e.event_type
JOIN billable_metric m
  ON m.name = r.family || ' (' || replace(e.properties_json ->> r.group_property, '×', 'x') || ')'
 AND m.archived_at IS NULL;
