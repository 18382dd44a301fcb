-- vmtriage fleet schema: `vmtriage bundles --ndjson` rows, loaded unchanged.
-- Accepted by ClickHouse 18.16 (Debian bookworm) and current releases alike:
-- only String, Nullable(String), UInt8, UInt32, UInt64, Nullable(Int16),
-- Date and DateTime, the ReplacingMergeTree engine with PARTITION BY / ORDER BY
-- clauses, and MATERIALIZED columns built from ifNull,
-- parseDateTimeBestEffortOrNull(s, 'UTC') (times as logs print them: RFC 3339
-- or anything else, NULL when unparsable), toDateTime(0, 'UTC') and toDate.
-- See docs/fleet.md.

CREATE DATABASE IF NOT EXISTS vmtriage;

-- One row per crash. The column names are the NDJSON field names; fields
-- the table does not keep (bundle_paths, inst_data: an array or null, which
-- no column type takes in 18.16) are skipped on input
-- (input_format_skip_unknown_fields=1, which `vmtriage fleet load` sets).
-- Re-loading is idempotent: the sorting key ends with the dedupe key (zone,
-- bundle id, member, line), and a crash's signature and time never change,
-- so ReplacingMergeTree folds copies together; until it merges, the shipped
-- queries count uniqExact(zone_key, bundle_key, member, line), never rows.
CREATE TABLE IF NOT EXISTS vmtriage.crashes
(
    sled String DEFAULT '',
    rack String DEFAULT '',
    zone Nullable(String),
    bundle_id Nullable(String),
    path String,
    member String,
    line UInt64,
    time Nullable(String),
    time_created Nullable(String),
    cause Nullable(String),
    vcpu Nullable(Int16),
    exit_kind String,
    redacted UInt8,
    len Nullable(Int16),
    class String,
    instruction Nullable(String),
    signature String,
    signature_id String,
    evidence String,
    -- Derived on insert: key parts that are never NULL (a sorting key may
    -- not be Nullable in 18.16; a log with neither zone nor bundle id is
    -- told apart by its path, as `vmtriage merge` does), and the crash time
    -- (the log's, else the bundle's creation; 1970-01-01 when neither is known).
    zone_key String MATERIALIZED ifNull(zone, ''),
    bundle_key String MATERIALIZED ifNull(bundle_id, if(isNull(zone), path, '')),
    at DateTime MATERIALIZED ifNull(parseDateTimeBestEffortOrNull(time, 'UTC'),
                             ifNull(parseDateTimeBestEffortOrNull(time_created, 'UTC'), toDateTime(0, 'UTC'))),
    day Date MATERIALIZED toDate(at),
    loaded_at DateTime DEFAULT now()
)
ENGINE = ReplacingMergeTree(loaded_at)
PARTITION BY toYYYYMM(day)
ORDER BY (signature, at, zone_key, bundle_key, member, line);

-- One row per zone bundle (from a `bundles --json` report's "bundles"
-- array, or derived from the crash rows by `vmtriage fleet load`).
CREATE TABLE IF NOT EXISTS vmtriage.bundles
(
    sled String DEFAULT '',
    rack String DEFAULT '',
    zone String,
    bundle_id String,
    time_created Nullable(String),
    cause Nullable(String),
    crashes UInt32 DEFAULT 0,
    created DateTime MATERIALIZED ifNull(parseDateTimeBestEffortOrNull(time_created, 'UTC'), toDateTime(0, 'UTC')),
    loaded_at DateTime DEFAULT now()
)
ENGINE = ReplacingMergeTree(loaded_at)
PARTITION BY toYYYYMM(toDate(created))
ORDER BY (zone, bundle_id);
