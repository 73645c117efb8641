# Makes `apiref openapi` output acceptable to progenitor, which accepts one success type and one
# error type per operation (it panics on "response_types.len() <= 1" otherwise). Per operation,
# the lowest documented 2xx status sets the success type and the lowest 4xx/5xx status the error
# type; responses of another type (another schema, or none) are dropped. Other statuses (ECS
# documents 300) are kept: progenitor takes them as they are. compare.sh counts the responses
# before and after and prints both in the table. Used by compare.sh only, for DCS and ECS.
def type_of: .content["application/json"].schema;
def keep_one_type($prefix):
  (to_entries | map(select(.key | test($prefix))) | sort_by(.key)) as $all
  | if ($all | length) == 0 then []
    else ($all[0].value | type_of) as $t | $all | map(select(.value | type_of == $t))
    end;
def reduce_responses:
  (keep_one_type("^2") + keep_one_type("^[45]")
   + (to_entries | map(select(.key | test("^[245]") | not))))
  | from_entries;
.paths |= map_values(map_values(.responses |= reduce_responses))
