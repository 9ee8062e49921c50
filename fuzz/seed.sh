#!/usr/bin/env bash
# Refreshes the committed seed corpora from the repository's own inputs:
# bundled policies and scenarios, and the test fixtures (files up to 16 KiB,
# so each fuzzing run starts from small inputs).
set -euo pipefail
cd "$(dirname "$0")/.."

seed() {
    local target=$1 pattern=$2; shift 2
    mkdir -p "fuzz/corpus/$target"
    rm -f "fuzz/corpus/$target"/seed-*
    find "$@" -type f -name "$pattern" -size -16k | sort | while read -r file; do
        cp "$file" "fuzz/corpus/$target/seed-$(echo "$file" | tr '/' '_')"
    done
}

seed policy '*.policy' policies tests/fixtures/parse-errors tests/fixtures/check-errors tests/fixtures/check-ok
seed format '*.policy' policies tests/fixtures/fmt
seed scenario '*.yaml' tests/scenarios tests/fixtures/input-errors

# Arithmetic inputs are bytes: an operation, a currency choice, then two
# decimals of 13 bytes each (96-bit mantissa, sign bit and scale).
mkdir -p fuzz/corpus/arithmetic
python3 - <<'PY'
import struct
def dec(mantissa, scale, negative=False):
    return struct.pack('<QI', mantissa & (2**64 - 1), mantissa >> 64) + bytes([(0x80 if negative else 0) | scale])
seeds = {
    'seed-add-cents': bytes([0, 0]) + dec(4125, 2) + dec(36, 0),
    'seed-sub-negative': bytes([1, 0]) + dec(1, 28, True) + dec(2**96 - 1, 0),
    'seed-mul-max': bytes([2, 0]) + dec(2**96 - 1, 0) + dec(2, 0),
    'seed-div-third': bytes([3, 0]) + dec(1, 0) + dec(3, 0),
    'seed-div-zero': bytes([3, 0]) + dec(100, 2) + dec(0, 0),
    'seed-currencies': bytes([0, 1]) + dec(100, 2) + dec(5, 1),
}
for name, data in seeds.items():
    open(f'fuzz/corpus/arithmetic/{name}', 'wb').write(data)
PY
