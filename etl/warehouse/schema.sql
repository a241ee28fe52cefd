-- The warehouse's tables. Every build writes a fresh file from this script, so there is no
-- migration history: a change here bumps the version below, and the app refuses a file whose
-- build_info.schema_version is older than it needs (`make build` makes a new one).
-- etl/schema.py reads the column lists, types and NOT NULLs from this file: it is the one
-- definition the loader, the pipeline's checks, the build's dtypes and the exports share.
-- Keep one column per line ("name TYPE [NOT NULL | PRIMARY KEY],").
-- schema-version: 4

CREATE TABLE regions (
    id         VARCHAR PRIMARY KEY,
    name_zh    VARCHAR NOT NULL,
    name_en    VARCHAR,
    kind       VARCHAR,          -- province, prefecture_city, district, county, development_zone, ...
    parent_id  VARCHAR,
    aliases    VARCHAR            -- '|'-separated
);

CREATE TABLE indicators (
    id         VARCHAR PRIMARY KEY,
    name_zh    VARCHAR NOT NULL,
    name_en    VARCHAR,
    category   VARCHAR,
    unit       VARCHAR,
    synonyms   VARCHAR
);

CREATE TABLE documents (
    doc              VARCHAR PRIMARY KEY,   -- file name (unique within a build)
    path             VARCHAR,               -- path as given to the build
    title            VARCHAR,
    url              VARCHAR,
    publisher        VARCHAR,
    author           VARCHAR,
    published        DATE,
    date_rule        VARCHAR,               -- sources_csv, front_matter, dateline, url, content, none
    date_precision   VARCHAR,               -- day, month or year: how much of `published` the source gave
    encoding         VARCHAR,
    traditional      BOOLEAN,
    content_hash     VARCHAR,               -- sha256 of the raw bytes
    n_chars          INTEGER,
    warnings         VARCHAR,               -- '; '-separated ingest warnings
    -- the document frame: decisions taken once per document, each with the rule that took it
    doc_type             VARCHAR,           -- work_report, statistics_bulletin, economic_news, ...
    doc_type_rule        VARCHAR,
    doc_date             DATE,              -- the date relative time words are read against
    doc_date_rule        VARCHAR,
    reference_year       INTEGER,           -- the year plain figures of the review part refer to
    reference_year_rule  VARCHAR,
    subject_region_id    VARCHAR,
    subject_region_name  VARCHAR,
    subject_rule         VARCHAR,
    mode                 VARCHAR,           -- review, plan or mixed
    mode_rule            VARCHAR,
    frame_confidence     DOUBLE
);

CREATE TABLE facts (
    fact_id        INTEGER PRIMARY KEY,
    doc            VARCHAR NOT NULL,
    region_id      VARCHAR,             -- NULL when the region is not in the gazetteer
    region_name    VARCHAR NOT NULL,    -- always the Chinese name
    year           INTEGER,
    period         VARCHAR NOT NULL,    -- FY, YTD-MM (January to month MM) or M-MM (month MM alone)
    indicator_id   VARCHAR,             -- NULL when nothing in the codebook fits
    indicator_name VARCHAR,             -- codebook name, else the Chinese label from the text
    kind           VARCHAR NOT NULL,    -- value, growth, share, target, rank
    value          DOUBLE NOT NULL,
    value_high     DOUBLE,
    unit           VARCHAR NOT NULL,
    raw_number     VARCHAR,             -- the number as written (e.g. 2.35万)
    raw_unit       VARCHAR,             -- the unit as written (e.g. 亩)
    qualifier      VARCHAR NOT NULL,
    quote          VARCHAR NOT NULL,    -- text[start:end] of the decoded document
    "start"        INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    sentence       VARCHAR,             -- the whole source sentence, for the evidence view
    confidence     DOUBLE,
    kind_rule      VARCHAR,             -- the rules that decided kind, region and time (the "why")
    region_rule    VARCHAR,
    time_rule      VARCHAR
);

CREATE TABLE projects (
    project_id  INTEGER PRIMARY KEY,
    doc         VARCHAR NOT NULL,
    region_id   VARCHAR,
    region_name VARCHAR NOT NULL,
    year        INTEGER,
    name        VARCHAR NOT NULL,
    stage       VARCHAR NOT NULL,       -- negotiating, signed, started, under_construction, commissioned, operating, planned
    quote       VARCHAR NOT NULL,
    "start"     INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    sentence    VARCHAR,
    confidence  DOUBLE,
    stage_rule  VARCHAR,
    region_rule VARCHAR,
    time_rule   VARCHAR
);

CREATE TABLE policies (
    policy_id   INTEGER PRIMARY KEY,
    doc         VARCHAR NOT NULL,
    region_id   VARCHAR,
    region_name VARCHAR NOT NULL,
    year        INTEGER,
    title       VARCHAR NOT NULL,
    quote       VARCHAR NOT NULL,
    "start"     INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    sentence    VARCHAR,
    confidence  DOUBLE,
    region_rule VARCHAR,
    time_rule   VARCHAR
);

-- One row per file that failed (or loaded with warnings) in the build that made this file.
CREATE TABLE build_errors (
    path     VARCHAR NOT NULL,
    severity VARCHAR NOT NULL,          -- error, warning
    message  VARCHAR NOT NULL
);

-- schema_version, extractor_version, reference_hash, sources, built_at.
CREATE TABLE build_info (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);
