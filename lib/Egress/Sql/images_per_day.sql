-- Images generated per day and image size over question (a)'s window, [2024-03-10, 2024-03-26) UTC: the notebook
-- draws it, and its days add up to (a)'s totals. Sizes are normalised as in (a).
SELECT substr(timestamp, 1, 10)                                        AS day,
       replace(json_extract(properties_json, '$.image_size'), '×', 'x') AS image_size,
       SUM(json_extract(properties_json, '$.num_images'))               AS num_images
FROM events
WHERE event_type = 'image_modeler'
  AND timestamp >= '2024-03-10T00:00:00.000Z'
  AND timestamp <  '2024-03-26T00:00:00.000Z'
GROUP BY 1, 2
ORDER BY day, CAST(image_size AS INTEGER), image_size;
