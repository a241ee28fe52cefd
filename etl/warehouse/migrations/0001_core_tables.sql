-- 0001: reference lists, documents and the records extracted from them.
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
    doc          VARCHAR PRIMARY KEY,   -- file name (unique within a build)
    path         VARCHAR,               -- path as given to the build
    title        VARCHAR,
    url          VARCHAR,
    publisher    VARCHAR,
    author       VARCHAR,
    published    DATE,
    date_rule    VARCHAR,               -- sources_csv, front_matter, dateline, url, content, none
    encoding     VARCHAR,
    traditional  BOOLEAN,
    content_hash VARCHAR,               -- sha256 of the raw bytes
    n_chars      INTEGER,
    warnings     VARCHAR                -- '; '-separated ingest warnings
);

CREATE TABLE facts (
    fact_id        INTEGER PRIMARY KEY,
    doc            VARCHAR NOT NULL,
    region_id      VARCHAR,             -- NULL when the region is not in the gazetteer
    region_name    VARCHAR NOT NULL,    -- always the Chinese name
    year           INTEGER,
    period         VARCHAR NOT NULL,    -- FY or YTD-MM
    indicator_id   VARCHAR,             -- NULL when nothing in the codebook fits
    indicator_name VARCHAR,             -- codebook name, else the Chinese label from the text
    kind           VARCHAR NOT NULL,    -- value, growth, share, target, rank
    value          DOUBLE NOT NULL,
    value_high     DOUBLE,
    unit           VARCHAR NOT NULL,
    raw_number     VARCHAR,             -- the number as written (e.g. 1.15万)
    raw_unit       VARCHAR,             -- the unit as written (e.g. 亩)
    qualifier      VARCHAR NOT NULL,
    quote          VARCHAR NOT NULL,    -- text[start:end] of the decoded document
    "start"        INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    sentence       VARCHAR,             -- the whole source sentence, for the evidence view
    confidence     DOUBLE
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
    confidence  DOUBLE
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
    confidence  DOUBLE
);

-- One row per file that failed (or loaded with warnings) in the build that made this file.
CREATE TABLE build_errors (
    path     VARCHAR NOT NULL,
    severity VARCHAR NOT NULL,          -- error, warning
    message  VARCHAR NOT NULL
);

CREATE TABLE build_info (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);
