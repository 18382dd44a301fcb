-- vmtriage fleet schema (version 2): crash records as `vmtriage fleet load`
-- writes them (schema-2 crash rows, and the version-1 rows of older files).
-- Accepted by ClickHouse 18.16 (Debian bookworm) and current releases alike:
-- only String, Nullable(String), UInt8, UInt32, UInt64, Nullable(Int16),
-- Date and DateTime, the ReplacingMergeTree engine with PARTITION BY / ORDER BY
-- clauses, and MATERIALIZED columns built from ifNull,
-- parseDateTimeBestEffortOrNull(s, 'UTC') (times as logs print them: RFC 3339
-- or anything else, NULL when unparsable), toDateTime(0, 'UTC') and toDate.
-- See docs/fleet.md.

CREATE DATABASE IF NOT EXISTS vmtriage;

-- One row per crash. The column names are the crash record's field names
-- (docs/json.md); `vmtriage fleet load` writes exactly these columns, with
-- sled and rack "" (never null) when unknown. Other clients can load
-- `bundles --ndjson` rows with input_format_skip_unknown_fields=1.
-- time is the crash's time placed in UTC (RFC 3339, as many fraction digits
-- as the log had), NULL when it could not be placed (a log time without a
-- year or a date is never stored as a guess); time_text is the text as the
-- log printed it. (18.16 has no DateTime64: the fraction lives in the text.)
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
    time_text Nullable(String),
    time_created Nullable(String),
    cause Nullable(String),
    vcpu Nullable(Int16),
    exit_kind String,
    redacted UInt8,
    len Nullable(Int16),
    bytes Nullable(String),
    class String,
    instruction Nullable(String),
    signature String,
    signature_id String,
    evidence String,
    -- Derived on insert: key parts that are never NULL (a sorting key may
    -- not be Nullable in 18.16; a log with neither zone nor bundle id is
    -- told apart by its path, as `vmtriage merge` does), and the crash time
    -- (the log's when placed, else the bundle's creation; 1970-01-01 when
    -- neither is known). Only an RFC 3339 time is parsed: a version-1 row
    -- loaded by another client may hold "Jul 08 09:14:03.020", which
    -- parseDateTimeBestEffort would put in the year 2000.
    zone_key String MATERIALIZED ifNull(zone, ''),
    bundle_key String MATERIALIZED ifNull(bundle_id, if(isNull(zone), path, '')),
    at DateTime MATERIALIZED ifNull(if(match(ifNull(time, ''), '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]'),
                                       parseDateTimeBestEffortOrNull(time, 'UTC'), NULL),
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
