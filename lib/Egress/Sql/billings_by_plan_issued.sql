-- (c), the other reading: billings by plan for invoices ISSUED in March 2024. Invoices are issued
-- after their billing period ends, so this counts the periods that ended around 1 March (in the
-- sample, the one-day 29 February invoices issued on 2 March) and not the March usage, which is
-- issued on 2 April. The first reading (billings_by_plan.sql) is the one that answers "billings for
-- March".
SELECT i.plan_name                    AS plan_name,
       COUNT(*)                       AS invoices,
       COUNT(DISTINCT i.customer_id)  AS customers,
       SUM(i.total) / 100.0           AS total_usd
FROM invoice i
WHERE i.status = 'FINALIZED'
  AND i.credit_type_name = 'USD (cents)'
  AND i.issued_at >= '2024-03-01T00:00:00.000Z'
  AND i.issued_at <  '2024-04-01T00:00:00.000Z'
GROUP BY i.plan_id, i.plan_name
ORDER BY total_usd DESC, plan_name NULLS FIRST, i.plan_id NULLS FIRST;
