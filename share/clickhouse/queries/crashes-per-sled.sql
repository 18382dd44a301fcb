-- crashes-per-sled: where the crashes are, rack by rack, sled by sled.
SELECT
    rack,
    sled,
    uniqExact(zone_key, bundle_key, member, line) AS crashes,
    uniqExact(signature) AS signatures,
    uniqExactIf(zone_key, zone_key != '') AS zones,
    if(countIf(at > toDateTime(0)) = 0, NULL,
       formatDateTime(maxIf(at, at > toDateTime(0)), '%FT%TZ', 'UTC')) AS last_seen
FROM vmtriage.crashes
GROUP BY rack, sled
ORDER BY crashes DESC, rack, sled
