-- One customer's usage per billable metric over a billing period [$start, $end), from metered_usage.
-- $start and $end are stored-form timestamps, e.g. '2024-03-01T00:00:00.000Z'.
SELECT billable_metric_id,
       SUM(quantity) AS quantity
FROM metered_usage
WHERE customer_id = $customer_id
  AND event_timestamp >= $start
  AND event_timestamp < $end
GROUP BY billable_metric_id
ORDER BY billable_metric_id;
