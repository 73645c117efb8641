# Makes `dcs-spec openapi` output acceptable to progenitor, which wants at most one success type
# and one error type per operation: keep the lowest documented 2xx response and the lowest
# 4xx/5xx response of each operation, drop the other responses. Used by compare.sh only.
def keep_two:
  (keys_unsorted | map(select(startswith("2"))) | sort | .[0]) as $ok
  | (keys_unsorted | map(select(test("^[45]"))) | sort | .[0]) as $err
  | with_entries(select(.key == $ok or .key == $err or .key == "default"));
.paths |= map_values(map_values(.responses |= keep_two))
