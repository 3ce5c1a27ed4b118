-- Run once the export's rows are in: the indexes the answers use, built over the loaded rows (faster than keeping
-- them up to date row by row).
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

CREATE INDEX metered_usage_by_customer ON metered_usage (customer_id, event_timestamp);

ANALYZE;
