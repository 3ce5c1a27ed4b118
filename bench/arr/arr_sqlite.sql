-- ARR rollup peer for the sqlite3 command-line tool: the same rollup as `workbook arr`, with a recursive CTE.
-- Run by run.sh as:  sqlite3 :memory: -cmd "CREATE TEMP TABLE params AS SELECT '<as-of>' AS as_of" \
--                      -cmd ".cd <folder of the three CSVs>" < arr_sqlite.sql > out.csv
-- Semantics as `workbook arr`: active = start_date <= as_of <= end_date for the subscription and the item;
-- a self-parent or a parent naming no account makes a root; accounts on or below a cycle are never reached
-- from a root, so they get no ultimate parent and no hierarchy ARR. Amounts are binary doubles, printed with 2 decimals.
.bail on
.mode csv
.import --csv accounts.csv accounts
.import --csv subscriptions.csv subscriptions
.import --csv subscription_items.csv subscription_items
CREATE INDEX accounts_id ON accounts(id);
CREATE INDEX accounts_parent ON accounts(parent_id);
CREATE INDEX subscriptions_id ON subscriptions(id);

CREATE TEMP TABLE chain AS
WITH RECURSIVE chain(id, top) AS (
    SELECT a.id, a.id FROM accounts a
    WHERE a.parent_id = '' OR a.parent_id = a.id OR NOT EXISTS (SELECT 1 FROM accounts p WHERE p.id = a.parent_id)
    UNION ALL
    SELECT a.id, c.top FROM accounts a JOIN chain c ON a.parent_id = c.id WHERE a.parent_id <> a.id
)
SELECT id, top FROM chain;
CREATE INDEX chain_id ON chain(id);

CREATE TEMP TABLE account_arr AS
SELECT s.account_id AS id, SUM(i.quantity * i.list_price * (1 - i.discount)) AS arr
FROM subscription_items i
JOIN subscriptions s ON s.id = i.subscription_id
JOIN params p
WHERE s.start_date <= p.as_of AND s.end_date >= p.as_of AND i.start_date <= p.as_of AND i.end_date >= p.as_of
GROUP BY s.account_id;
CREATE INDEX account_arr_id ON account_arr(id);

CREATE TEMP TABLE hierarchy_arr AS
SELECT c.top AS top, SUM(COALESCE(x.arr, 0)) AS arr
FROM chain c LEFT JOIN account_arr x ON x.id = c.id
GROUP BY c.top;
CREATE INDEX hierarchy_arr_top ON hierarchy_arr(top);

.headers on
SELECT a.id, a.parent_id, a.name, c.top AS ultimate_parent_id,
       printf('%.2f', COALESCE(x.arr, 0)) AS arr,
       CASE WHEN c.top IS NULL THEN NULL ELSE printf('%.2f', h.arr) END AS hierarchy_arr
FROM accounts a
LEFT JOIN chain c ON c.id = a.id
LEFT JOIN account_arr x ON x.id = a.id
LEFT JOIN hierarchy_arr h ON h.top = c.top
ORDER BY a.rowid;
