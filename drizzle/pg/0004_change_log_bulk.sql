-- Many log writes in one round trip (bulk imports, re-embedding): the same per-item function, called in a loop on the
-- server. The collection's lock is taken by the first call and held to the end of the transaction.
CREATE FUNCTION passerelle_log_upsert_many(p_collection text, p_items text[], p_model text, p_dims integer, p_vectors bytea[], p_attrs text[], p_now text)
RETURNS bigint[] LANGUAGE plpgsql AS $$
DECLARE
  v_seqs bigint[] := '{}';
BEGIN
  IF coalesce(array_length(p_items, 1), 0) <> coalesce(array_length(p_vectors, 1), 0)
     OR coalesce(array_length(p_items, 1), 0) <> coalesce(array_length(p_attrs, 1), 0) THEN
    RAISE EXCEPTION 'items, vectors and attrs must have the same length';
  END IF;
  FOR i IN 1 .. coalesce(array_length(p_items, 1), 0) LOOP
    v_seqs := v_seqs || passerelle_log_upsert(p_collection, p_items[i], p_model, p_dims, p_vectors[i], p_attrs[i], p_now);
  END LOOP;
  RETURN v_seqs;
END $$;
