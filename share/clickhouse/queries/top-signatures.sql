-- top-signatures: crash signatures fleet-wide, most crashes first.
-- Crashes are counted by the dedupe key, so rows loaded twice count once.
SELECT
    signature,
    signature_id,
    uniqExact(zone_key, bundle_key, member, line) AS count,
    uniqExactIf(zone_key, zone_key != '') AS zones,
    uniqExactIf(sled, sled != '') AS sleds,
    if(countIf(at > toDateTime(0)) = 0, NULL,
       formatDateTime(minIf(at, at > toDateTime(0)), '%FT%TZ', 'UTC')) AS first_seen,
    if(countIf(at > toDateTime(0)) = 0, NULL,
       formatDateTime(maxIf(at, at > toDateTime(0)), '%FT%TZ', 'UTC')) AS last_seen
FROM vmtriage.crashes
GROUP BY signature, signature_id
ORDER BY count DESC, signature
LIMIT 100
