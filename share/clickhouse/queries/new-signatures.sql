-- new-signatures: signatures first seen on or after a date, anywhere in
-- the fleet (did a new build bring a new crash?).
-- Parameter: since (Date), e.g. --param since=2026-11-21
SELECT
    signature,
    signature_id,
    uniqExact(zone_key, bundle_key, member, line) AS count,
    uniqExactIf(zone_key, zone_key != '') AS zones,
    uniqExactIf(sled, sled != '') AS sleds,
    formatDateTime(minIf(at, at > toDateTime(0)), '%FT%TZ', 'UTC') AS first_seen,
    formatDateTime(maxIf(at, at > toDateTime(0)), '%FT%TZ', 'UTC') AS last_seen
FROM vmtriage.crashes
GROUP BY signature, signature_id
HAVING countIf(at > toDateTime(0)) > 0 AND minIf(at, at > toDateTime(0)) >= toDateTime({since:Date})
ORDER BY first_seen, signature
