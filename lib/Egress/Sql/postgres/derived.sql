-- ../derived.sql in PostgreSQL. Why a file of its own: the other indexes are created with the tables (schema.sql),
-- as COPY fills them.
CREATE INDEX metered_usage_by_customer ON metered_usage (customer_id, event_timestamp);
ANALYZE;
