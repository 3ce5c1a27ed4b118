-- (a) Number of images generated between 10 and 25 March 2024 (inclusive), by image size. Events of
-- type image_modeler, num_images summed, timestamps in [2024-03-10, 2024-03-26) UTC. Sizes are
-- normalised: the export spells some with U+00D7 ('256×256') and some with an ASCII x
-- ('1024x1024'). Every size is counted, including one that no billable metric prices.
SELECT replace(json_extract(properties_json, '$.image_size'), '×', 'x') AS image_size,
       SUM(json_extract(properties_json, '$.num_images'))               AS num_images
FROM events
WHERE event_type = 'image_modeler'
  AND timestamp >= '2024-03-10T00:00:00.000Z'
  AND timestamp <  '2024-03-26T00:00:00.000Z'
GROUP BY 1
ORDER BY CAST(image_size AS INTEGER), image_size;
