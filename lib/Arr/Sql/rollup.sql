-- The ARR rollup in SQL: every account's ultimate parent, ARR and hierarchy ARR, as of arr_as_of.as_of, with the
-- in-memory engine's policies, so the two write the same accounts.csv (tables.sql holds the inputs):
--   * a parent_id that is empty, the account itself, or names no account makes the account a root;
--   * accounts on or below a parent cycle get no ultimate parent and no hierarchy ARR (their own ARR still counts);
--   * a subscription or item is active when start_date <= as_of <= end_date, both ends inclusive, and an item counts
--     only under an active subscription; money is exact DECIMAL/NUMERIC throughout, rounded only by the writer.
--
-- The ultimate parent is found by pointer doubling instead of a recursive CTE walking down from the roots. Such a
-- walk takes one iteration per level (3,000 for a 3,000-deep chain, each a join of its own); here up_k holds, for
-- every account, the ancestor 2^k levels up (a root points at itself), and up_k = up_(k-1) of up_(k-1), so 20
-- joins of the whole table reach any depth below 2^20 = 1,048,576 levels. Termination needs no visited list: after
-- the last step an account whose pointer is a root has found its ultimate parent; one whose pointer is not a root
-- is on or below a cycle (or, beyond the 2^20 limit, on a deeper chain: add up_21... to go further). The pointers
-- are row numbers, not ids: joining integers is several times cheaper than joining 36-character UUIDs. Every
-- engine with joins and CTEs runs it unchanged: DuckDB and PostgreSQL compute each up_k once (README, "On your
-- warehouse", for Snowflake and BigQuery).
WITH accounts AS (
    -- The parent an account really has, as its row number: NULL for the roots (empty, self or dangling parent_id).
    SELECT a.account_row,
           a.id,
           CASE WHEN p.id IS NULL OR a.parent_id = a.id THEN NULL ELSE p.account_row END AS parent_row
    FROM arr_account a
    LEFT JOIN arr_account p ON p.id = a.parent_id
),
up_0 AS (SELECT account_row AS node, COALESCE(parent_row, account_row) AS up FROM accounts),
up_1 AS (SELECT a.node, b.up FROM up_0 a JOIN up_0 b ON b.node = a.up),
up_2 AS (SELECT a.node, b.up FROM up_1 a JOIN up_1 b ON b.node = a.up),
up_3 AS (SELECT a.node, b.up FROM up_2 a JOIN up_2 b ON b.node = a.up),
up_4 AS (SELECT a.node, b.up FROM up_3 a JOIN up_3 b ON b.node = a.up),
up_5 AS (SELECT a.node, b.up FROM up_4 a JOIN up_4 b ON b.node = a.up),
up_6 AS (SELECT a.node, b.up FROM up_5 a JOIN up_5 b ON b.node = a.up),
up_7 AS (SELECT a.node, b.up FROM up_6 a JOIN up_6 b ON b.node = a.up),
up_8 AS (SELECT a.node, b.up FROM up_7 a JOIN up_7 b ON b.node = a.up),
up_9 AS (SELECT a.node, b.up FROM up_8 a JOIN up_8 b ON b.node = a.up),
up_10 AS (SELECT a.node, b.up FROM up_9 a JOIN up_9 b ON b.node = a.up),
up_11 AS (SELECT a.node, b.up FROM up_10 a JOIN up_10 b ON b.node = a.up),
up_12 AS (SELECT a.node, b.up FROM up_11 a JOIN up_11 b ON b.node = a.up),
up_13 AS (SELECT a.node, b.up FROM up_12 a JOIN up_12 b ON b.node = a.up),
up_14 AS (SELECT a.node, b.up FROM up_13 a JOIN up_13 b ON b.node = a.up),
up_15 AS (SELECT a.node, b.up FROM up_14 a JOIN up_14 b ON b.node = a.up),
up_16 AS (SELECT a.node, b.up FROM up_15 a JOIN up_15 b ON b.node = a.up),
up_17 AS (SELECT a.node, b.up FROM up_16 a JOIN up_16 b ON b.node = a.up),
up_18 AS (SELECT a.node, b.up FROM up_17 a JOIN up_17 b ON b.node = a.up),
up_19 AS (SELECT a.node, b.up FROM up_18 a JOIN up_18 b ON b.node = a.up),
up_20 AS (SELECT a.node, b.up FROM up_19 a JOIN up_19 b ON b.node = a.up),
ultimate AS (
    SELECT u.node AS account_row, r.id AS ultimate_parent_id, r.account_row AS ultimate_parent_row
    FROM up_20 u
    LEFT JOIN accounts r ON r.account_row = u.up AND r.parent_row IS NULL
),
account_arr AS (
    SELECT s.account_id, SUM(i.arr) AS arr
    FROM arr_item i
    JOIN arr_subscription s ON s.id = i.subscription_id
    CROSS JOIN arr_as_of d
    WHERE s.start_date <= d.as_of AND d.as_of <= s.end_date
      AND i.start_date <= d.as_of AND d.as_of <= i.end_date
    GROUP BY s.account_id
),
rolled AS (
    SELECT a.account_row, a.id, u.ultimate_parent_id, u.ultimate_parent_row, COALESCE(x.arr, 0) AS arr
    FROM accounts a
    JOIN ultimate u ON u.account_row = a.account_row
    LEFT JOIN account_arr x ON x.account_id = a.id
),
hierarchies AS (
    SELECT ultimate_parent_id, SUM(arr) AS hierarchy_arr
    FROM rolled
    WHERE ultimate_parent_id IS NOT NULL
    GROUP BY ultimate_parent_id
)
SELECT r.account_row,
       r.id,
       r.ultimate_parent_id,
       r.ultimate_parent_row,
       r.arr,
       h.hierarchy_arr
FROM rolled r
LEFT JOIN hierarchies h ON h.ultimate_parent_id = r.ultimate_parent_id
ORDER BY r.account_row;
