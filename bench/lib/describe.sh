# describe PATH...: one line per path with its type, mode and owner, and the sha256 of a regular
# file's content (or "missing"). bench.py sends this before a workload's state script.
describe() {
  for p in "$@"; do
    if [ -f "$p" ]; then
      echo "$p $(stat -c '%F %a %U:%G' "$p" | tr ' ' _) $(sha256sum < "$p" | cut -c1-16)"
    elif [ -e "$p" ]; then
      echo "$p $(stat -c '%F %a %U:%G' "$p" | tr ' ' _)"
    else
      echo "$p missing"
    fi
  done
}
