-- The vector change log's writes as server-side functions (issue 15): one round trip per log write, so the collection's
-- counter-row lock (the log's serialisation point, see docs/scale-out.md) is taken as late as possible and held for
-- the function plus the commit only. Same semantics as src/vector-index/store.ts on SQLite.
CREATE FUNCTION passerelle_log_next_seq(p_collection text, p_now text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_seq bigint;
BEGIN
  UPDATE vector_collections SET last_seq = last_seq + 1, updated_at = p_now WHERE name = p_collection RETURNING last_seq INTO v_seq;
  -- Delivered at commit only, and not at all on rollback.
  PERFORM pg_notify('passerelle_vector_changes', p_collection || ':' || v_seq);
  RETURN v_seq;
END $$;
--> statement-breakpoint
CREATE FUNCTION passerelle_log_lock(p_collection text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM vector_collections WHERE name = p_collection FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'vector collection % does not exist', p_collection;
  END IF;
END $$;
--> statement-breakpoint
CREATE FUNCTION passerelle_log_upsert(p_collection text, p_item text, p_model text, p_dims integer, p_vector bytea, p_attrs text, p_now text)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_label bigint;
  v_deleted integer;
  v_seq bigint;
BEGIN
  PERFORM passerelle_log_lock(p_collection);
  SELECT label, deleted INTO v_label, v_deleted FROM vector_items WHERE collection = p_collection AND item_id = p_item;
  IF NOT FOUND OR v_deleted <> 0 THEN
    -- A freed label first (the uint32 label space stays dense), else the next one.
    DELETE FROM vector_free_labels
     WHERE (collection, label) = (SELECT collection, label FROM vector_free_labels WHERE collection = p_collection ORDER BY label LIMIT 1)
    RETURNING label INTO v_label;
    IF v_label IS NULL THEN
      UPDATE vector_collections SET next_label = next_label + 1 WHERE name = p_collection RETURNING next_label - 1 INTO v_label;
      IF v_label > 4294967295 THEN
        RAISE EXCEPTION 'vector collection % has no free uint32 label left', p_collection USING ERRCODE = 'PX001';
      END IF;
    END IF;
  END IF;
  v_seq := passerelle_log_next_seq(p_collection, p_now);
  INSERT INTO vector_items (collection, item_id, label, model_id, dims, vector, attrs, seq, deleted, updated_at)
  VALUES (p_collection, p_item, v_label, p_model, p_dims, p_vector, p_attrs, v_seq, 0, p_now)
  ON CONFLICT (collection, item_id) DO UPDATE SET label = excluded.label, model_id = excluded.model_id, dims = excluded.dims,
    vector = excluded.vector, attrs = excluded.attrs, seq = excluded.seq, deleted = 0, updated_at = excluded.updated_at;
  RETURN v_seq;
END $$;
--> statement-breakpoint
CREATE FUNCTION passerelle_log_set_attrs(p_collection text, p_item text, p_attrs text, p_now text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_seq bigint;
BEGIN
  PERFORM passerelle_log_lock(p_collection);
  IF NOT EXISTS (SELECT 1 FROM vector_items WHERE collection = p_collection AND item_id = p_item AND deleted = 0) THEN
    RETURN NULL;
  END IF;
  v_seq := passerelle_log_next_seq(p_collection, p_now);
  UPDATE vector_items SET attrs = p_attrs, seq = v_seq, updated_at = p_now WHERE collection = p_collection AND item_id = p_item;
  RETURN v_seq;
END $$;
--> statement-breakpoint
CREATE FUNCTION passerelle_log_delete(p_collection text, p_item text, p_now text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_label bigint;
  v_seq bigint;
BEGIN
  PERFORM passerelle_log_lock(p_collection);
  SELECT label INTO v_label FROM vector_items WHERE collection = p_collection AND item_id = p_item AND deleted = 0;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  v_seq := passerelle_log_next_seq(p_collection, p_now);
  UPDATE vector_items SET deleted = 1, vector = NULL, attrs = NULL, seq = v_seq, updated_at = p_now WHERE collection = p_collection AND item_id = p_item;
  INSERT INTO vector_free_labels (collection, label) VALUES (p_collection, v_label) ON CONFLICT DO NOTHING;
  RETURN v_seq;
END $$;
