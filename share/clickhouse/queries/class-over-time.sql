-- class-over-time: crashes per class per week (weeks start on Monday, UTC);
-- crashes with no known time are left out.
SELECT
    toString(toMonday(day)) AS week,
    class,
    uniqExact(zone_key, bundle_key, member, line) AS crashes,
    uniqExact(signature) AS signatures,
    uniqExactIf(sled, sled != '') AS sleds
FROM vmtriage.crashes
WHERE at > toDateTime(0)
GROUP BY week, class
ORDER BY week, class
