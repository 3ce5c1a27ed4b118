-- (b) A1 Company's FINALIZED March 2024 invoice, recreated: the invoice whose billing period starts
-- on 2024-03-01 (not the one-day 29 February invoice, which is also issued in March). One row per
-- charge (sub-line item) under the CPU Hours and Storage products, then one 'Subtotal' row per
-- product, then the invoice total as billed (invoice.total). Amounts are US dollars, unrounded (the
-- export keeps fractional cents); unit price = subtotal / quantity, empty when the quantity is 0.
WITH march_invoice AS (
    SELECT i.id, i.total
    FROM invoice i
    JOIN customer c ON c.id = i.customer_id
    WHERE c.name = 'A1 Company'
      AND i.status = 'FINALIZED'
      AND i.start_timestamp >= '2024-03-01T00:00:00.000Z'
      AND i.start_timestamp <  '2024-04-01T00:00:00.000Z'
),
charges AS (
    SELECT li.name AS product, s.name AS description, s.quantity, s.subtotal, s.id AS sub_line_id
    FROM march_invoice m
    JOIN line_item li ON li.invoice_id = m.id
    JOIN sub_line_item s ON s.line_item_id = li.id
    WHERE li.name IN ('CPU Hours', 'Storage')
),
invoice_rows AS (
    SELECT 1 AS section, product, 0 AS row_order, description, quantity,
           CASE WHEN quantity = 0 THEN NULL ELSE subtotal / quantity / 100.0 END AS unit_price_usd,
           subtotal / 100.0 AS total_usd, sub_line_id
    FROM charges
    UNION ALL
    SELECT 1, product, 1, 'Subtotal', NULL, NULL, SUM(subtotal) / 100.0, NULL
    FROM charges
    GROUP BY product
    UNION ALL
    SELECT 2, NULL, 2, 'Invoice total', NULL, NULL, total / 100.0, NULL
    FROM march_invoice
)
SELECT product, description, quantity, unit_price_usd, total_usd
FROM invoice_rows
ORDER BY section, product, row_order, description NULLS FIRST, sub_line_id;
