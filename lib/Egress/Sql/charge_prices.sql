-- The unit price of each plan charge. The export has no price column, so the price is read off what was billed:
-- subtotal / quantity of the charge's sub-line items on FINALIZED invoices, from the most recent billing period
-- (then the lowest sub-line id, so the choice is deterministic). Charges never billed with a non-zero quantity
-- have no known price and are not listed. The division is done by the caller, in decimal.
WITH billed AS (
    SELECT s.charge_id,
           s.subtotal,
           s.quantity,
           ROW_NUMBER() OVER (PARTITION BY s.charge_id ORDER BY i.start_timestamp DESC, s.id) AS recency
    FROM sub_line_item s
    JOIN line_item li ON li.id = s.line_item_id
    JOIN invoice i ON i.id = li.invoice_id
    WHERE i.status = 'FINALIZED' AND s.quantity <> 0
)
SELECT c.plan_id,
       c.charge_id,
       c.name AS charge_name,
       c.product_id,
       c.product_name,
       c.billable_metric_id,
       c.billable_metric_name,
       c.credit_type_id,
       c.credit_type_name,
       b.subtotal,
       b.quantity
FROM plan_charge c
JOIN billed b ON b.charge_id = c.charge_id AND b.recency = 1
ORDER BY c.plan_id, c.name, c.charge_id;
