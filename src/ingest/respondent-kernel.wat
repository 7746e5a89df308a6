;; The respondent step of the ledger's resolution with `--dedupe none` (ledger-resolve.ts' countPairs), over
;; the pair records of one respondent partition at a time, with the same sums: each response counted as a
;; repeat in its file unless it is its (respondent, variant) pair's first, and the pairs, repeat respondents,
;; repeat responses and respondents in more than one variant counted. See respondent-kernel.ts, which lays out
;; the memory, copies the records in, and adds the sums into the resolution's Outcomes. Assembled into dist/ by
;; scripts/build-wasm.mjs.
(module
  ;; Given by the caller at the size it needs: growing it here would detach its buffer, and the first buffer
  ;; detached in a thread makes V8 throw away its optimised code that reads typed arrays (see fast/parallel.ts).
  (import "kernel" "memory" (memory 1))

  ;; Where things are (byte offsets, set by `configure`): each variant's hash (high, low); repeats per file
  ;; (i32); the four counts (i32: respondents, repeat respondents, repeat responses, cross-variant); the pair
  ;; and people tables (i32 high, low, value per slot). A pair's value is its first file x 2, + 1 once it has a
  ;; second response; a respondent's, how many variants they answered in.
  (global $variantsAt (mut i32) (i32.const 0))
  (global $repeatsAt (mut i32) (i32.const 0))
  (global $countsAt (mut i32) (i32.const 0))
  (global $pairsAt (mut i32) (i32.const 0))
  (global $peopleAt (mut i32) (i32.const 0))
  ;; This partition's table masks (slots - 1).
  (global $pairMask (mut i32) (i32.const 0))
  (global $peopleMask (mut i32) (i32.const 0))

  (func (export "configure") (param $variantsAt i32) (param $repeatsAt i32) (param $countsAt i32) (param $pairsAt i32) (param $peopleAt i32)
    (global.set $variantsAt (local.get $variantsAt))
    (global.set $repeatsAt (local.get $repeatsAt))
    (global.set $countsAt (local.get $countsAt))
    (global.set $pairsAt (local.get $pairsAt))
    (global.set $peopleAt (local.get $peopleAt)))

  ;; A new partition: empty tables of pairSlots and peopleSlots slots, powers of two (the caller sized them for
  ;; its records: hash64.ts' slotsFor).
  (func (export "beginPartition") (param $pairSlots i32) (param $peopleSlots i32)
    (global.set $pairMask (i32.sub (local.get $pairSlots) (i32.const 1)))
    (global.set $peopleMask (i32.sub (local.get $peopleSlots) (i32.const 1)))
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

  ;; The pair records from `at` (four i32 each: respondent key high and low, variant, file; ledger-records.ts),
  ;; `records` of them, counted as countPairs counts them.
  (func (export "countPairs") (param $at i32) (param $records i32)
    (local $end i32) (local $record i32) (local $file i32) (local $personHigh i32) (local $personLow i32)
    (local $variantAt i32) (local $high i32) (local $low i32) (local $slot i32) (local $value i32) (local $countsAt i32)
    (local.set $end (i32.add (local.get $at) (i32.mul (local.get $records) (i32.const 16))))
    (local.set $countsAt (global.get $countsAt))
    (local.set $record (local.get $at))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $record) (local.get $end)))
        (local.set $file (i32.load offset=12 (local.get $record)))
        ;; A repeat in its file unless it is its pair's first (finishPartition takes the firsts back).
        (call $bump (i32.add (global.get $repeatsAt) (i32.shl (local.get $file) (i32.const 2))))
        ;; The (respondent, variant) key: hash64.ts' combine of the respondent's key with the variant's hash.
        (local.set $personHigh (i32.load (local.get $record)))
        (local.set $personLow (i32.load offset=4 (local.get $record)))
        (local.set $variantAt (i32.add (global.get $variantsAt) (i32.shl (i32.load offset=8 (local.get $record)) (i32.const 3))))
        (local.set $high (call $fmix32 (i32.xor (local.get $personHigh) (i32.load (local.get $variantAt)))))
        (local.set $low (call $fmix32 (i32.xor (local.get $personLow) (i32.load offset=4 (local.get $variantAt)))))
        (if (i32.eqz (i32.or (local.get $high) (local.get $low))) (then (local.set $low (i32.const 1))))
        (local.set $record (i32.add (local.get $record) (i32.const 16)))
        (local.set $slot (call $find (global.get $pairsAt) (global.get $pairMask) (local.get $high) (local.get $low)))
        (if (i32.eqz (i32.or (i32.load (local.get $slot)) (i32.load offset=4 (local.get $slot))))
          (then
            ;; A new pair, and so a respondent; a respondent's second variant makes them cross-variant.
            (i32.store (local.get $slot) (local.get $high))
            (i32.store offset=4 (local.get $slot) (local.get $low))
            (i32.store offset=8 (local.get $slot) (i32.shl (local.get $file) (i32.const 1)))
            (call $bump (local.get $countsAt))
            (local.set $slot (call $find (global.get $peopleAt) (global.get $peopleMask) (local.get $personHigh) (local.get $personLow)))
            (if (i32.eqz (i32.or (i32.load (local.get $slot)) (i32.load offset=4 (local.get $slot))))
              (then
                (i32.store (local.get $slot) (local.get $personHigh))
                (i32.store offset=4 (local.get $slot) (local.get $personLow))
                (i32.store offset=8 (local.get $slot) (i32.const 1)))
              (else
                (local.set $value (i32.load offset=8 (local.get $slot)))
                (i32.store offset=8 (local.get $slot) (i32.add (local.get $value) (i32.const 1)))
                (if (i32.eq (local.get $value) (i32.const 1)) (then (call $bump (i32.add (local.get $countsAt) (i32.const 12)))))))
            (br $each)))
        ;; A pair seen before: its second response makes a repeat respondent; every later one is a repeat
        ;; response. Its first file is the smallest of its responses' (files are in run order).
        (local.set $value (i32.load offset=8 (local.get $slot)))
        (if (i32.eqz (i32.and (local.get $value) (i32.const 1)))
          (then (call $bump (i32.add (local.get $countsAt) (i32.const 4)))))
        (call $bump (i32.add (local.get $countsAt) (i32.const 8)))
        (if (i32.lt_u (local.get $file) (i32.shr_u (local.get $value) (i32.const 1)))
          (then (local.set $value (i32.shl (local.get $file) (i32.const 1)))))
        (i32.store offset=8 (local.get $slot) (i32.or (local.get $value) (i32.const 1)))
        (br $each))))

  ;; The partition's end: each pair's first response was counted as a repeat in its file; take it back.
  (func (export "finishPartition")
    (local $slot i32) (local $end i32) (local $at i32)
    (local.set $slot (global.get $pairsAt))
    (local.set $end (i32.add (global.get $pairsAt) (i32.mul (i32.add (global.get $pairMask) (i32.const 1)) (i32.const 12))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $slot) (local.get $end)))
        (if (i32.or (i32.load (local.get $slot)) (i32.load offset=4 (local.get $slot)))
          (then
            (local.set $at (i32.add (global.get $repeatsAt)
              (i32.shl (i32.shr_u (i32.load offset=8 (local.get $slot)) (i32.const 1)) (i32.const 2))))
            (i32.store (local.get $at) (i32.sub (i32.load (local.get $at)) (i32.const 1)))))
        (local.set $slot (i32.add (local.get $slot) (i32.const 12)))
        (br $each)))))
