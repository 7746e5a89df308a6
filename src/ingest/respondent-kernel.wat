;; The respondent step of the ledger's resolution with `--dedupe none` (ledger-resolve.ts' RespondentPass
;; countPairs and finishNone), over the records of one respondent partition at a time, with the same sums:
;; each record's outcome settled (a use counted per place and score, its place's first row kept; a drop
;; counted per reason, its first row kept), counted as a repeat in its file unless it is its (respondent,
;; variant) pair's first, and the pairs, repeat respondents, repeat responses and respondents in more than one
;; variant counted. See respondent-kernel.ts, which lays out the memory, copies the records in, and adds the
;; sums into the resolution's Outcomes. Assembled into dist/ by scripts/build-wasm.mjs.
(module
  ;; Given by the caller at the size it needs: growing it here would detach its buffer, and the first buffer
  ;; detached in a thread makes V8 throw away its optimised code that reads typed arrays (see fast/parallel.ts).
  (import "kernel" "memory" (memory 1))

  ;; Where things are (byte offsets, set by `configure`): each variant's hash (high, low); per file its used
  ;; counts' (i32 per place x 16 + score) and first rows' (f64 per place) offsets; drops (i32 per file x
  ;; reasons) and their first rows (f64); repeats per file (i32); the four counts (i32: respondents, repeat
  ;; respondents, repeat responses, cross-variant); the pair and people tables (i32 high, low, value per slot);
  ;; each pair's first and last sequence numbers (i64) and first file (i32).
  (global $variantsAt (mut i32) (i32.const 0))
  (global $filesAt (mut i32) (i32.const 0))
  (global $dropsAt (mut i32) (i32.const 0))
  (global $firstDropsAt (mut i32) (i32.const 0))
  (global $repeatsAt (mut i32) (i32.const 0))
  (global $countsAt (mut i32) (i32.const 0))
  (global $pairsAt (mut i32) (i32.const 0))
  (global $peopleAt (mut i32) (i32.const 0))
  (global $firstAt (mut i32) (i32.const 0))
  (global $lastAt (mut i32) (i32.const 0))
  (global $firstFileAt (mut i32) (i32.const 0))
  (global $reasons (mut i32) (i32.const 0))
  ;; This partition's table masks (slots - 1) and pairs so far.
  (global $pairMask (mut i32) (i32.const 0))
  (global $peopleMask (mut i32) (i32.const 0))
  (global $pairCount (mut i32) (i32.const 0))

  (func (export "configure") (param $variantsAt i32) (param $filesAt i32) (param $dropsAt i32) (param $firstDropsAt i32)
    (param $repeatsAt i32) (param $countsAt i32) (param $pairsAt i32) (param $peopleAt i32) (param $firstAt i32) (param $lastAt i32)
    (param $firstFileAt i32) (param $reasons i32)
    (global.set $variantsAt (local.get $variantsAt))
    (global.set $filesAt (local.get $filesAt))
    (global.set $dropsAt (local.get $dropsAt))
    (global.set $firstDropsAt (local.get $firstDropsAt))
    (global.set $repeatsAt (local.get $repeatsAt))
    (global.set $countsAt (local.get $countsAt))
    (global.set $pairsAt (local.get $pairsAt))
    (global.set $peopleAt (local.get $peopleAt))
    (global.set $firstAt (local.get $firstAt))
    (global.set $lastAt (local.get $lastAt))
    (global.set $firstFileAt (local.get $firstFileAt))
    (global.set $reasons (local.get $reasons)))

  ;; A new partition: empty tables of pairSlots and peopleSlots slots, powers of two (the caller sized them for
  ;; its records: hash64.ts' slotsFor).
  (func (export "beginPartition") (param $pairSlots i32) (param $peopleSlots i32)
    (global.set $pairMask (i32.sub (local.get $pairSlots) (i32.const 1)))
    (global.set $peopleMask (i32.sub (local.get $peopleSlots) (i32.const 1)))
    (global.set $pairCount (i32.const 0))
    (memory.fill (global.get $pairsAt) (i32.const 0) (i32.mul (local.get $pairSlots) (i32.const 12)))
    (memory.fill (global.get $peopleAt) (i32.const 0) (i32.mul (local.get $peopleSlots) (i32.const 12))))

  ;; murmur3's finalizer (hash64.ts' fmix32).
  (func $fmix32 (param $h i32) (result i32)
    (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))
    (local.set $h (i32.mul (local.get $h) (i32.const 0x85ebca6b)))
    (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))))
    (local.set $h (i32.mul (local.get $h) (i32.const 0xc2b2ae35)))
    (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))

  ;; The slot of a key (high, low) in a table at `at` of mask+1 slots, or the empty slot where it would go:
  ;; linear probing from the mixed key, as hash64.ts' HashTable64 (a slot of (0, 0) is empty).
  (func $find (param $at i32) (param $mask i32) (param $high i32) (param $low i32) (result i32)
    (local $slot i32) (local $address i32) (local $slotHigh i32) (local $slotLow i32)
    (local.set $slot (i32.and (call $fmix32 (i32.xor (local.get $low) (i32.mul (local.get $high) (i32.const 0x9e3779b1)))) (local.get $mask)))
    (loop $probe (result i32)
      (local.set $address (i32.add (local.get $at) (i32.mul (local.get $slot) (i32.const 12))))
      (local.set $slotHigh (i32.load (local.get $address)))
      (local.set $slotLow (i32.load offset=4 (local.get $address)))
      (if (i32.or (i32.and (i32.eq (local.get $slotHigh) (local.get $high)) (i32.eq (local.get $slotLow) (local.get $low)))
                  (i32.eqz (i32.or (local.get $slotHigh) (local.get $slotLow))))
        (then (return (local.get $address))))
      (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (local.get $mask)))
      (br $probe)))

  ;; Adds 1 to the i32 at `at`.
  (func $bump (param $at i32)
    (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1))))

  ;; Keeps the smaller of the f64 at `at` and `seq`.
  (func $earliest (param $at i32) (param $seq f64)
    (if (f64.lt (local.get $seq) (f64.load (local.get $at))) (then (f64.store (local.get $at) (local.get $seq)))))

  ;; The records from `at` (nine i32 each: sequence number low and high, ID key, respondent key, variant,
  ;; file, outcome; ledger-records.ts), `records` of them, counted as countPairs counts them. Returns 0, or 1
  ;; (nothing counted) if one has an outcome that is neither a use nor a drop reason: not a respondent record.
  (func (export "countPairs") (param $at i32) (param $records i32) (result i32)
    (local $end i32) (local $record i32) (local $seq i64) (local $file i32) (local $outcome i32) (local $fileAt i32)
    (local $personHigh i32) (local $personLow i32) (local $variantAt i32) (local $high i32) (local $low i32)
    (local $slot i32) (local $index i32) (local $before i32) (local $countsAt i32)
    (local.set $end (i32.add (local.get $at) (i32.mul (local.get $records) (i32.const 36))))
    ;; Every outcome first: a use (>= 0) or -1 - a drop reason.
    (local.set $record (local.get $at))
    (block $checked
      (loop $check
        (br_if $checked (i32.ge_u (local.get $record) (local.get $end)))
        (if (i32.lt_s (i32.load offset=32 (local.get $record)) (i32.sub (i32.const 0) (global.get $reasons)))
          (then (return (i32.const 1))))
        (local.set $record (i32.add (local.get $record) (i32.const 36)))
        (br $check)))
    (local.set $countsAt (global.get $countsAt))
    (local.set $record (local.get $at))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $record) (local.get $end)))
        (local.set $seq (i64.or (i64.shl (i64.extend_i32_u (i32.load offset=4 (local.get $record))) (i64.const 32))
                                (i64.extend_i32_u (i32.load (local.get $record)))))
        (local.set $file (i32.load offset=28 (local.get $record)))
        (local.set $outcome (i32.load offset=32 (local.get $record)))
        ;; settle: a use in its place and score, or a drop; the first row of either kept.
        (if (i32.ge_s (local.get $outcome) (i32.const 0))
          (then
            (local.set $fileAt (i32.add (global.get $filesAt) (i32.shl (local.get $file) (i32.const 3))))
            (call $bump (i32.add (i32.load (local.get $fileAt)) (i32.shl (local.get $outcome) (i32.const 2))))
            (call $earliest (i32.add (i32.load offset=4 (local.get $fileAt)) (i32.shl (i32.shr_u (local.get $outcome) (i32.const 4)) (i32.const 3)))
              (f64.convert_i64_u (local.get $seq))))
          (else
            (local.set $index (i32.add (i32.mul (local.get $file) (global.get $reasons)) (i32.sub (i32.const -1) (local.get $outcome))))
            (call $bump (i32.add (global.get $dropsAt) (i32.shl (local.get $index) (i32.const 2))))
            (call $earliest (i32.add (global.get $firstDropsAt) (i32.shl (local.get $index) (i32.const 3))) (f64.convert_i64_u (local.get $seq)))))
        ;; A repeat in its file unless it is its pair's first (finishNone takes the firsts back).
        (call $bump (i32.add (global.get $repeatsAt) (i32.shl (local.get $file) (i32.const 2))))
        ;; The (respondent, variant) key: hash64.ts' combine of the respondent's key with the variant's hash.
        (local.set $personHigh (i32.load offset=16 (local.get $record)))
        (local.set $personLow (i32.load offset=20 (local.get $record)))
        (local.set $variantAt (i32.add (global.get $variantsAt) (i32.shl (i32.load offset=24 (local.get $record)) (i32.const 3))))
        (local.set $high (call $fmix32 (i32.xor (local.get $personHigh) (i32.load (local.get $variantAt)))))
        (local.set $low (call $fmix32 (i32.xor (local.get $personLow) (i32.load offset=4 (local.get $variantAt)))))
        (if (i32.eqz (i32.or (local.get $high) (local.get $low))) (then (local.set $low (i32.const 1))))
        (local.set $slot (call $find (global.get $pairsAt) (global.get $pairMask) (local.get $high) (local.get $low)))
        (if (i32.eqz (i32.or (i32.load (local.get $slot)) (i32.load offset=4 (local.get $slot))))
          (then
            ;; A new pair, and so a respondent; a respondent's second variant makes them cross-variant.
            (local.set $index (global.get $pairCount))
            (i32.store (local.get $slot) (local.get $high))
            (i32.store offset=4 (local.get $slot) (local.get $low))
            (i32.store offset=8 (local.get $slot) (local.get $index))
            (i64.store (i32.add (global.get $firstAt) (i32.shl (local.get $index) (i32.const 3))) (local.get $seq))
            (i64.store (i32.add (global.get $lastAt) (i32.shl (local.get $index) (i32.const 3))) (local.get $seq))
            (i32.store (i32.add (global.get $firstFileAt) (i32.shl (local.get $index) (i32.const 2))) (local.get $file))
            (global.set $pairCount (i32.add (local.get $index) (i32.const 1)))
            (call $bump (local.get $countsAt))
            (local.set $slot (call $find (global.get $peopleAt) (global.get $peopleMask) (local.get $personHigh) (local.get $personLow)))
            (if (i32.eqz (i32.or (i32.load (local.get $slot)) (i32.load offset=4 (local.get $slot))))
              (then
                (i32.store (local.get $slot) (local.get $personHigh))
                (i32.store offset=4 (local.get $slot) (local.get $personLow))
                (i32.store offset=8 (local.get $slot) (i32.const 1)))
              (else
                (local.set $before (i32.load offset=8 (local.get $slot)))
                (i32.store offset=8 (local.get $slot) (i32.add (local.get $before) (i32.const 1)))
                (if (i32.eq (local.get $before) (i32.const 1)) (then (call $bump (i32.add (local.get $countsAt) (i32.const 12)))))))
            (local.set $record (i32.add (local.get $record) (i32.const 36)))
            (br $each)))
        ;; A pair seen before: its second response makes a repeat respondent; every later one is a repeat response.
        (local.set $index (i32.load offset=8 (local.get $slot)))
        (local.set $fileAt (i32.add (global.get $firstAt) (i32.shl (local.get $index) (i32.const 3))))
        (local.set $variantAt (i32.add (global.get $lastAt) (i32.shl (local.get $index) (i32.const 3))))
        (if (i64.eq (i64.load (local.get $fileAt)) (i64.load (local.get $variantAt)))
          (then (call $bump (i32.add (local.get $countsAt) (i32.const 4)))))
        (call $bump (i32.add (local.get $countsAt) (i32.const 8)))
        (if (i64.lt_u (local.get $seq) (i64.load (local.get $fileAt)))
          (then
            (i64.store (local.get $fileAt) (local.get $seq))
            (i32.store (i32.add (global.get $firstFileAt) (i32.shl (local.get $index) (i32.const 2))) (local.get $file))))
        (if (i64.gt_u (local.get $seq) (i64.load (local.get $variantAt)))
          (then (i64.store (local.get $variantAt) (local.get $seq))))
        (local.set $record (i32.add (local.get $record) (i32.const 36)))
        (br $each)))
    (i32.const 0))

  ;; The partition's end: each pair's first response was counted as a repeat in its file; take it back.
  (func (export "finishNone")
    (local $index i32) (local $at i32)
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $index) (global.get $pairCount)))
        (local.set $at (i32.add (global.get $repeatsAt)
          (i32.shl (i32.load (i32.add (global.get $firstFileAt) (i32.shl (local.get $index) (i32.const 2)))) (i32.const 2))))
        (i32.store (local.get $at) (i32.sub (i32.load (local.get $at)) (i32.const 1)))
        (local.set $index (i32.add (local.get $index) (i32.const 1)))
        (br $each)))))
