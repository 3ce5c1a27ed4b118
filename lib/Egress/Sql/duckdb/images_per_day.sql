-- (a) by day in DuckDB: ../images_per_day.sql, with the dialect differences of images_by_size.sql here.
WITH images AS (
    SELECT date(timestamp)                                                AS day,
           replace(properties_json ->> 'image_size', '×', 'x')            AS image_size,
           CAST(properties_json ->> 'num_images' AS DECIMAL(38, 18))       AS num_images
    FROM events
    WHERE event_type = 'image_modeler'
      AND timestamp >= '2024-03-10T00:00:00.000Z'
      AND timestamp <  '2024-03-26T00:00:00.000Z'
)
SELECT day, image_size, SUM(num_images) AS num_images
FROM images
GROUP BY day, image_size
ORDER BY day,
         CASE WHEN image_size IS NOT NULL THEN COALESCE(TRY_CAST(regexp_extract(image_size, '^[0-9]+') AS HUGEINT), 0) END NULLS FIRST,
         image_size NULLS FIRST;
