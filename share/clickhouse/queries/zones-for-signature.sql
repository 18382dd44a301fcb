-- zones-for-signature: every zone a signature hit, and where it runs.
-- Parameter: signature (String): the signature text or its 12-digit id,
-- e.g. --param signature=ca8f277c563e
SELECT
    zone_key AS zone,
    rack,
    sled,
    uniqExact(zone_key, bundle_key, member, line) AS crashes,
    uniqExactIf(bundle_key, bundle_key != '') AS bundles,
    if(countIf(at > toDateTime(0)) = 0, NULL,
       formatDateTime(minIf(at, at > toDateTime(0)), '%FT%TZ', 'UTC')) AS first_seen,
    if(countIf(at > toDateTime(0)) = 0, NULL,
       formatDateTime(maxIf(at, at > toDateTime(0)), '%FT%TZ', 'UTC')) AS last_seen
FROM vmtriage.crashes
WHERE signature = {signature:String} OR signature_id = {signature:String}
GROUP BY zone_key, rack, sled
ORDER BY crashes DESC, zone_key
