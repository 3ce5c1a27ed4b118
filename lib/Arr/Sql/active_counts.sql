-- For the run summary: the subscriptions and items active on arr_as_of.as_of (an item counts only under an active
-- subscription), as rollup.sql counts them.
SELECT (SELECT COUNT(*)
        FROM arr_subscription s CROSS JOIN arr_as_of d
        WHERE s.start_date <= d.as_of AND d.as_of <= s.end_date) AS active_subscriptions,
       (SELECT COUNT(*)
        FROM arr_item i
        JOIN arr_subscription s ON s.id = i.subscription_id
        CROSS JOIN arr_as_of d
        WHERE s.start_date <= d.as_of AND d.as_of <= s.end_date
          AND i.start_date <= d.as_of AND d.as_of <= i.end_date) AS active_items;
