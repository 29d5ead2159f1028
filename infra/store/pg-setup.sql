-- Run by store.sh on every start, in the `ferretdb` database. Idempotent.
--
-- Why: FerretDB 1.24 looks documents up by _id with
--     SELECT _jsonb FROM t WHERE _jsonb->$1 @> $2        ($1 = '_id')
-- while its own _id index is a btree on (_jsonb->'_id'). A btree cannot
-- serve `@>`, and with the key passed as a parameter a cached generic plan
-- cannot match an expression index at all, so every find/update by _id is a
-- full scan (measured: ~30 ms at 20,000 documents, growing with the
-- collection). Two fixes, both invisible to FerretDB and its clients:
--   1. plan every statement with its parameters (custom plans), so the
--      planner sees _jsonb->'_id';
--   2. give every collection table a GIN index on (_jsonb->'_id'), which
--      does serve `@>`. An event trigger adds it to each table FerretDB
--      creates; FerretDB keeps its own index list in its metadata table and
--      never sees it; dropping the collection drops it with the table.
--   3. the same holds for every secondary index FerretDB creates (createIndexes
--      makes a btree on (_jsonb->'field') per key, useless for its `@>`
--      equality filters): each key expression gets a GIN twin when the index
--      is created, and the twins go when FerretDB drops the index.

SET client_min_messages = warning;

ALTER DATABASE ferretdb SET plan_cache_mode = force_custom_plan;

-- Our objects live in a schema of their own. FerretDB only treats schemas
-- that hold its metadata table as databases, so this one stays invisible.
CREATE SCHEMA IF NOT EXISTS zone_store_internal;

-- Is this table a FerretDB collection? (a `_jsonb` column, not FerretDB's
-- own metadata table)
CREATE OR REPLACE FUNCTION zone_store_internal.is_collection(tbl oid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = '_jsonb' AND NOT a.attisdropped
    WHERE c.oid = tbl AND c.relkind = 'r'
      AND c.relname NOT LIKE '\_ferretdb\_%'
      AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'zone_store_internal')
  )
$$;

-- Add the GIN index on _id to one table, unless it has it already. The name
-- carries the table's oid: unique, and within PostgreSQL's 63-byte limit.
CREATE OR REPLACE FUNCTION zone_store_internal.add_id_index(tbl oid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  idx text := 'zs_id_gin_' || tbl;
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
    WHERE i.indrelid = tbl AND ic.relname = idx
  ) THEN
    EXECUTE format('CREATE INDEX %I ON %s USING gin ((_jsonb -> ''_id'') jsonb_path_ops)',
                   idx, tbl::regclass);
  END IF;
END
$$;

CREATE OR REPLACE FUNCTION zone_store_internal.on_create_table() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT objid FROM pg_event_trigger_ddl_commands()
           WHERE command_tag = 'CREATE TABLE' AND object_type = 'table'
  LOOP
    IF zone_store_internal.is_collection(r.objid) THEN
      PERFORM zone_store_internal.add_id_index(r.objid);
    END IF;
  END LOOP;
END
$$;

-- GIN twins of one FerretDB index: one per key expression, named after the
-- source index's oid so that dropping it can find them.
CREATE OR REPLACE FUNCTION zone_store_internal.add_index_twins(src oid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  i pg_index;
  k int;
  expr text;
  twin text;
BEGIN
  SELECT * INTO i FROM pg_index WHERE indexrelid = src;
  IF NOT FOUND OR NOT zone_store_internal.is_collection(i.indrelid) THEN
    RETURN;
  END IF;
  FOR k IN 1 .. i.indnkeyatts LOOP
    expr := pg_get_indexdef(src, k, true);
    -- Only FerretDB's key expressions: _jsonb -> 'field' or _jsonb #> '{a,b}'.
    CONTINUE WHEN expr !~ '^\(?_jsonb (->|#>) ';
    CONTINUE WHEN expr ~ '^\(?_jsonb -> ''_id''';
    twin := 'zs_twin_' || src || '_' || k;
    IF NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = twin AND relnamespace = (SELECT relnamespace FROM pg_class WHERE oid = src)) THEN
      EXECUTE format('CREATE INDEX %I ON %s USING gin ((%s) jsonb_path_ops)', twin, i.indrelid::regclass, expr);
    END IF;
  END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION zone_store_internal.on_create_index() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT objid, object_identity FROM pg_event_trigger_ddl_commands()
           WHERE command_tag = 'CREATE INDEX' AND object_type = 'index'
  LOOP
    -- Our own indexes (zs_…) fire this trigger too: never twin a twin.
    CONTINUE WHEN r.object_identity ~ '\.zs_';
    PERFORM zone_store_internal.add_index_twins(r.objid);
  END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION zone_store_internal.on_drop_index() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  r record;
  t record;
BEGIN
  FOR r IN SELECT objid, schema_name FROM pg_event_trigger_dropped_objects()
           WHERE object_type = 'index' AND original
  LOOP
    FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = r.schema_name AND c.relname LIKE 'zs\_twin\_' || r.objid || '\_%'
    LOOP
      EXECUTE format('DROP INDEX IF EXISTS %I.%I', r.schema_name, t.relname);
    END LOOP;
  END LOOP;
END
$$;

DROP EVENT TRIGGER IF EXISTS zone_store_index_twins;
CREATE EVENT TRIGGER zone_store_index_twins ON ddl_command_end
  WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION zone_store_internal.on_create_index();

DROP EVENT TRIGGER IF EXISTS zone_store_index_twins_drop;
CREATE EVENT TRIGGER zone_store_index_twins_drop ON sql_drop
  WHEN TAG IN ('DROP INDEX')
  EXECUTE FUNCTION zone_store_internal.on_drop_index();

DROP EVENT TRIGGER IF EXISTS zone_store_id_gin;
CREATE EVENT TRIGGER zone_store_id_gin ON ddl_command_end
  WHEN TAG IN ('CREATE TABLE')
  EXECUTE FUNCTION zone_store_internal.on_create_table();

-- Tables created before the trigger existed (an older cluster).
SELECT zone_store_internal.add_id_index(c.oid)
FROM pg_class c
WHERE c.relkind = 'r' AND zone_store_internal.is_collection(c.oid);

-- Secondary indexes created before the trigger existed.
SELECT zone_store_internal.add_index_twins(i.indexrelid)
FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
WHERE ic.relname NOT LIKE 'zs\_%' AND zone_store_internal.is_collection(i.indrelid);
