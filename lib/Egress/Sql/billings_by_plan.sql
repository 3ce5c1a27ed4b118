-- (c) Billings by plan for March 2024: FINALIZED invoices whose billing period starts in March
-- 2024, grouped by plan. DRAFT (still open) and VOID invoices are not billings. Totals in US
-- dollars, unrounded; invoices in a credit type other than USD (cents) are left out rather than
-- added to dollars. The other reading, invoices issued in March, is billings_by_plan_issued.sql.
SELECT i.plan_name                    AS plan_name,
       COUNT(*)                       AS invoices,
       COUNT(DISTINCT i.customer_id)  AS customers,
       SUM(i.total) / 100.0           AS total_usd
FROM invoice i
WHERE i.status = 'FINALIZED'
  AND i.credit_type_name = 'USD (cents)'
  AND i.start_timestamp >= '2024-03-01T00:00:00.000Z'
  AND i.start_timestamp <  '2024-04-01T00:00:00.000Z'
GROUP BY i.plan_id, i.plan_name
ORDER BY total_usd DESC, plan_name NULLS FIRST, i.plan_id NULLS FIRST;
