-- (a) in PostgreSQL: the question and answer of ../images_by_size.sql. Why a file of its own: SQLite reads JSON
-- with json_extract, PostgreSQL with ->> (text, summed as NUMERIC); SQLite's CAST('256x256' AS INTEGER) reads the
-- leading number (256) where PostgreSQL refuses, so the order takes it with a regular expression; and PostgreSQL
-- puts NULLs last where SQLite puts them first.
WITH images AS (
    SELECT replace(properties_json ->> 'image_size', '×', 'x') AS image_size,
           (properties_json ->> 'num_images')::NUMERIC         AS num_images
    FROM events
    WHERE event_type = 'image_modeler'
      AND timestamp >= '2024-03-10T00:00:00.000Z'
      AND timestamp <  '2024-03-26T00:00:00.000Z'
)
SELECT image_size, SUM(num_images) AS num_images
FROM images
GROUP BY image_size
ORDER BY CASE WHEN image_size IS NOT NULL THEN COALESCE(substring(image_size FROM '^[0-9]+')::NUMERIC, 0) END NULLS FIRST,
         image_size NULLS FIRST;
