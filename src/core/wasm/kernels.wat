;; quantivista's WebAssembly SIMD kernels (the source of src/core/wasm/kernels.generated.ts).
;;
;; Build: `npm run build:wasm` (scripts/wasm/build.mjs, wabt's wat2wasm) writes the bytes into
;; kernels.generated.ts; test/core/wasm-source.test.ts recompiles this file and checks that the
;; committed bytes match it. Keep the module under 4 KB: Chromium refuses synchronous compilation
;; of larger modules on the main thread.
;;
;; Bit-identity with the JavaScript twins: every output entry is summed term by term in a fixed
;; order with one IEEE f64 multiply then one IEEE f64 add per term (f64x2.mul, f64x2.add: no fused
;; multiply-add, no reassociation); each SIMD lane holds a different sum.
(module
  (memory $mem 1)

  ;; gram(panels, panelCount, T, t0, t1, out): for every pair of 4-row panels pi <= pj, add
  ;; sum_{t0 <= t < t1} a_t b_t^T to the 4 x 4 block stored (row-major, 16 doubles) at byte
  ;; offset out + (pi * panelCount + pj) * 128. Panel p starts at byte panels + p * T * 32 and
  ;; holds, for t = 0..T-1, the four doubles [x_4p,t, x_4p+1,t, x_4p+2,t, x_4p+3,t].
  ;; Block row r accumulates splat(a_r) * (b0, b1) in $r<r>lo and splat(a_r) * (b2, b3) in $r<r>hi.
  ;; The caller guarantees panelCount >= 1 and t1 > t0.
  (func $gram (export "gram")
    (param $panels i32) (param $panelCount i32) (param $T i32) (param $t0 i32) (param $t1 i32) (param $out i32)
    (local $pi i32) (local $pj i32) (local $pa i32) (local $pb i32) (local $aEnd i32) (local $o i32)
    (local $r0lo v128) (local $r0hi v128) (local $r1lo v128) (local $r1hi v128)
    (local $r2lo v128) (local $r2hi v128) (local $r3lo v128) (local $r3hi v128)
    (local $a v128) (local $b01 v128) (local $b23 v128)
    (local.set $pi (i32.const 0))
    (loop $overPi
      (local.set $pj (local.get $pi))
      (loop $overPj
        ;; o = out + (pi * panelCount + pj) * 128: load the block's running sums
        (local.set $o
          (i32.add (local.get $out)
            (i32.mul (i32.add (i32.mul (local.get $pi) (local.get $panelCount)) (local.get $pj)) (i32.const 128))))
        (local.set $r0lo (v128.load offset=0 (local.get $o)))
        (local.set $r0hi (v128.load offset=16 (local.get $o)))
        (local.set $r1lo (v128.load offset=32 (local.get $o)))
        (local.set $r1hi (v128.load offset=48 (local.get $o)))
        (local.set $r2lo (v128.load offset=64 (local.get $o)))
        (local.set $r2hi (v128.load offset=80 (local.get $o)))
        (local.set $r3lo (v128.load offset=96 (local.get $o)))
        (local.set $r3hi (v128.load offset=112 (local.get $o)))
        ;; pa = panels + (pi * T + t0) * 32 ; aEnd = pa + (t1 - t0) * 32 ; pb = panels + (pj * T + t0) * 32
        (local.set $aEnd
          (i32.add
            (local.tee $pa
              (i32.add (local.get $panels)
                (i32.mul (i32.add (i32.mul (local.get $pi) (local.get $T)) (local.get $t0)) (i32.const 32))))
            (i32.mul (i32.sub (local.get $t1) (local.get $t0)) (i32.const 32))))
        (local.set $pb
          (i32.add (local.get $panels)
            (i32.mul (i32.add (i32.mul (local.get $pj) (local.get $T)) (local.get $t0)) (i32.const 32))))
        (loop $overT
          (local.set $b01 (v128.load offset=0 (local.get $pb)))
          (local.set $b23 (v128.load offset=16 (local.get $pb)))
          (local.set $a (v128.load64_splat offset=0 (local.get $pa)))
          (local.set $r0lo (f64x2.add (local.get $r0lo) (f64x2.mul (local.get $a) (local.get $b01))))
          (local.set $r0hi (f64x2.add (local.get $r0hi) (f64x2.mul (local.get $a) (local.get $b23))))
          (local.set $a (v128.load64_splat offset=8 (local.get $pa)))
          (local.set $r1lo (f64x2.add (local.get $r1lo) (f64x2.mul (local.get $a) (local.get $b01))))
          (local.set $r1hi (f64x2.add (local.get $r1hi) (f64x2.mul (local.get $a) (local.get $b23))))
          (local.set $a (v128.load64_splat offset=16 (local.get $pa)))
          (local.set $r2lo (f64x2.add (local.get $r2lo) (f64x2.mul (local.get $a) (local.get $b01))))
          (local.set $r2hi (f64x2.add (local.get $r2hi) (f64x2.mul (local.get $a) (local.get $b23))))
          (local.set $a (v128.load64_splat offset=24 (local.get $pa)))
          (local.set $r3lo (f64x2.add (local.get $r3lo) (f64x2.mul (local.get $a) (local.get $b01))))
          (local.set $r3hi (f64x2.add (local.get $r3hi) (f64x2.mul (local.get $a) (local.get $b23))))
          (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
          (br_if $overT
            (i32.lt_u (local.tee $pa (i32.add (local.get $pa) (i32.const 32))) (local.get $aEnd))))
        (v128.store offset=0 (local.get $o) (local.get $r0lo))
        (v128.store offset=16 (local.get $o) (local.get $r0hi))
        (v128.store offset=32 (local.get $o) (local.get $r1lo))
        (v128.store offset=48 (local.get $o) (local.get $r1hi))
        (v128.store offset=64 (local.get $o) (local.get $r2lo))
        (v128.store offset=80 (local.get $o) (local.get $r2hi))
        (v128.store offset=96 (local.get $o) (local.get $r3lo))
        (v128.store offset=112 (local.get $o) (local.get $r3hi))
        (br_if $overPj
          (i32.lt_u (local.tee $pj (i32.add (local.get $pj) (i32.const 1))) (local.get $panelCount))))
      (br_if $overPi
        (i32.lt_u (local.tee $pi (i32.add (local.get $pi) (i32.const 1))) (local.get $panelCount)))))

  ;; dot8(a, b, count): sum_j A[j] * B[j] over `count` doubles (a positive multiple of 8) at byte
  ;; offsets a and b (multiples of 16), in eight lanes: lane k sums the terms j = k (mod 8) in
  ;; order; the result is ((l0 + l2) + (l4 + l6)) + ((l1 + l3) + (l5 + l7)), as dot8Js.
  ;; $s01 holds lanes (l0, l1), $s23 (l2, l3), $s45 (l4, l5), $s67 (l6, l7).
  (func $dot8 (export "dot8") (param $a i32) (param $b i32) (param $count i32) (result f64)
    (local $end i32)
    (local $s01 v128) (local $s23 v128) (local $s45 v128) (local $s67 v128)
    (local.set $end (i32.add (local.get $a) (i32.mul (local.get $count) (i32.const 8))))
    (loop $overJ
      (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (v128.load offset=0 (local.get $a)) (v128.load offset=0 (local.get $b)))))
      (local.set $s23 (f64x2.add (local.get $s23) (f64x2.mul (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b)))))
      (local.set $s45 (f64x2.add (local.get $s45) (f64x2.mul (v128.load offset=32 (local.get $a)) (v128.load offset=32 (local.get $b)))))
      (local.set $s67 (f64x2.add (local.get $s67) (f64x2.mul (v128.load offset=48 (local.get $a)) (v128.load offset=48 (local.get $b)))))
      (local.set $b (i32.add (local.get $b) (i32.const 64)))
      (br_if $overJ
        (i32.lt_u (local.tee $a (i32.add (local.get $a) (i32.const 64))) (local.get $end))))
    ;; (l0 + l2, l1 + l3) + (l4 + l6, l5 + l7), then lane 0 + lane 1
    (local.set $s01
      (f64x2.add (f64x2.add (local.get $s01) (local.get $s23)) (f64x2.add (local.get $s45) (local.get $s67))))
    (f64.add (f64x2.extract_lane 0 (local.get $s01)) (f64x2.extract_lane 1 (local.get $s01))))

  ;; rot(block, idx, cs, sn, count, pairs): the plane rotations of the QL iteration (RotationBatch
  ;; in symmetric-eigen.ts) on a block of rows of 32 doubles each (row r at byte block + r * 256),
  ;; `pairs` f64x2 lanes per row. Rotation t (idx: i32 at idx + 4t; c, s: f64 at cs + 8t, sn + 8t)
  ;; sets rows (i, i+1) to (c x - s y, s x + c y); when rotation t+1 has index i - 1, both are
  ;; applied in one pass over rows i - 1, i, i + 1 in the order of the JavaScript twin. The word
  ;; at idx + 4 count must be readable (it is compared, never used, when t + 1 = count).
  (func $rot (export "rot")
    (param $block i32) (param $idx i32) (param $cs i32) (param $sn i32) (param $count i32) (param $pairs i32)
    (local $t i32) (local $i i32) (local $a i32) (local $b i32) (local $z i32) (local $end i32) (local $p i32)
    (local $c v128) (local $s v128) (local $c2 v128) (local $s2 v128)
    (local $x v128) (local $y v128) (local $xi v128) (local $w v128)
    (block $done
      (loop $overT
        (br_if $done (i32.ge_u (local.get $t) (local.get $count)))
        (local.set $p (i32.add (local.get $idx) (i32.shl (local.get $t) (i32.const 2))))
        (local.set $i (i32.load (local.get $p)))
        (local.set $c (v128.load64_splat (i32.add (local.get $cs) (i32.shl (local.get $t) (i32.const 3)))))
        (local.set $s (v128.load64_splat (i32.add (local.get $sn) (i32.shl (local.get $t) (i32.const 3)))))
        (local.set $a (i32.add (local.get $block) (i32.shl (local.get $i) (i32.const 8))))
        (local.set $b (i32.add (local.get $a) (i32.const 256)))
        (local.set $end (i32.add (local.get $a) (i32.shl (local.get $pairs) (i32.const 4))))
        (if (i32.and
              (i32.lt_u (i32.add (local.get $t) (i32.const 1)) (local.get $count))
              (i32.eq (i32.load offset=4 (local.get $p)) (i32.sub (local.get $i) (i32.const 1))))
          (then
            (local.set $c2 (v128.load64_splat offset=8 (i32.add (local.get $cs) (i32.shl (local.get $t) (i32.const 3)))))
            (local.set $s2 (v128.load64_splat offset=8 (i32.add (local.get $sn) (i32.shl (local.get $t) (i32.const 3)))))
            (local.set $z (i32.sub (local.get $a) (i32.const 256)))
            (loop $fused
              (local.set $x (v128.load (local.get $a)))
              (local.set $y (v128.load (local.get $b)))
              (local.set $xi (f64x2.sub (f64x2.mul (local.get $c) (local.get $x)) (f64x2.mul (local.get $s) (local.get $y))))
              (v128.store (local.get $b) (f64x2.add (f64x2.mul (local.get $s) (local.get $x)) (f64x2.mul (local.get $c) (local.get $y))))
              (local.set $w (v128.load (local.get $z)))
              (v128.store (local.get $z) (f64x2.sub (f64x2.mul (local.get $c2) (local.get $w)) (f64x2.mul (local.get $s2) (local.get $xi))))
              (v128.store (local.get $a) (f64x2.add (f64x2.mul (local.get $s2) (local.get $w)) (f64x2.mul (local.get $c2) (local.get $xi))))
              (local.set $b (i32.add (local.get $b) (i32.const 16)))
              (local.set $z (i32.add (local.get $z) (i32.const 16)))
              (br_if $fused
                (i32.lt_u (local.tee $a (i32.add (local.get $a) (i32.const 16))) (local.get $end))))
            (local.set $t (i32.add (local.get $t) (i32.const 2))))
          (else
            (loop $single
              (local.set $x (v128.load (local.get $a)))
              (local.set $y (v128.load (local.get $b)))
              (v128.store (local.get $a) (f64x2.sub (f64x2.mul (local.get $c) (local.get $x)) (f64x2.mul (local.get $s) (local.get $y))))
              (v128.store (local.get $b) (f64x2.add (f64x2.mul (local.get $s) (local.get $x)) (f64x2.mul (local.get $c) (local.get $y))))
              (local.set $b (i32.add (local.get $b) (i32.const 16)))
              (br_if $single
                (i32.lt_u (local.tee $a (i32.add (local.get $a) (i32.const 16))) (local.get $end))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))))
        (br $overT))))

;; tred(a, i, u, q, w, p): the fused sweep of one Householder step (tridiagonalize in
  ;; symmetric-eigen.ts) over rows 0..i-1 of the lower triangle: each entry b = A_rc - (q_r u_c +
  ;; u_r q_c) is stored, s_r += b w_c, p_c += b w_r, then the diagonal is updated and p_r += s_r +
  ;; A_rr w_r, row after row in the order of the JavaScript twin. The triangle is stored by row
  ;; pairs from byte a: pair k (rows 2k, 2k+1) at a + 16 k (k + 1), entry (r, c) at
  ;; pair + 16 c + 8 (r & 1). Vectors u, q, w, p: n doubles at byte offsets u, q, w, p (p zero on
  ;; entry). Four rows r..r+3 share each column c < r: lanes hold rows, and p_c takes their four
  ;; terms in row order; the columns r..r+3 of the group finish in $row.
  (func $tred (export "tred")
    (param $a i32) (param $i i32) (param $u i32) (param $q i32) (param $w i32) (param $p i32)
    (local $r i32) (local $o i32) (local $end i32) (local $pa i32) (local $pb i32) (local $x f64)
    (local $U01 v128) (local $Q01 v128) (local $V01 v128) (local $U23 v128) (local $Q23 v128) (local $V23 v128)
    (local $S01 v128) (local $S23 v128) (local $B01 v128) (local $B23 v128)
    (local $uc v128) (local $qc v128) (local $wc v128)
    (block $groupsDone
      (loop $groups
        (br_if $groupsDone (i32.gt_u (i32.add (local.get $r) (i32.const 4)) (local.get $i)))
        ;; pa: pair r/2 (rows r, r+1); pb: pair r/2 + 1 (rows r+2, r+3); o: 8 c
        (local.set $pa (i32.add (local.get $a)
          (i32.shl (i32.mul (i32.shr_u (local.get $r) (i32.const 1)) (i32.add (i32.shr_u (local.get $r) (i32.const 1)) (i32.const 1))) (i32.const 4))))
        (local.set $pb (i32.add (local.get $pa) (i32.shl (i32.add (local.get $r) (i32.const 2)) (i32.const 4))))
        (local.set $o (i32.shl (local.get $r) (i32.const 3)))
        (local.set $U01 (v128.load (i32.add (local.get $u) (local.get $o))))
        (local.set $U23 (v128.load offset=16 (i32.add (local.get $u) (local.get $o))))
        (local.set $Q01 (v128.load (i32.add (local.get $q) (local.get $o))))
        (local.set $Q23 (v128.load offset=16 (i32.add (local.get $q) (local.get $o))))
        (local.set $V01 (v128.load (i32.add (local.get $w) (local.get $o))))
        (local.set $V23 (v128.load offset=16 (i32.add (local.get $w) (local.get $o))))
        (local.set $end (local.get $o))
        (local.set $S01 (v128.const i64x2 0 0))
        (local.set $S23 (v128.const i64x2 0 0))
        (local.set $o (i32.const 0))
        (if (local.get $end)
          (then
            (loop $cols
              (local.set $uc (v128.load64_splat (i32.add (local.get $u) (local.get $o))))
              (local.set $qc (v128.load64_splat (i32.add (local.get $q) (local.get $o))))
              (local.set $wc (v128.load64_splat (i32.add (local.get $w) (local.get $o))))
              (local.set $B01 (f64x2.sub (v128.load (local.get $pa))
                (f64x2.add (f64x2.mul (local.get $Q01) (local.get $uc)) (f64x2.mul (local.get $U01) (local.get $qc)))))
              (v128.store (local.get $pa) (local.get $B01))
              (local.set $B23 (f64x2.sub (v128.load (local.get $pb))
                (f64x2.add (f64x2.mul (local.get $Q23) (local.get $uc)) (f64x2.mul (local.get $U23) (local.get $qc)))))
              (v128.store (local.get $pb) (local.get $B23))
              (local.set $S01 (f64x2.add (local.get $S01) (f64x2.mul (local.get $B01) (local.get $wc))))
              (local.set $S23 (f64x2.add (local.get $S23) (f64x2.mul (local.get $B23) (local.get $wc))))
              (local.set $B01 (f64x2.mul (local.get $B01) (local.get $V01)))
              (local.set $B23 (f64x2.mul (local.get $B23) (local.get $V23)))
              (local.set $x (f64.load (i32.add (local.get $p) (local.get $o))))
              (local.set $x (f64.add (local.get $x) (f64x2.extract_lane 0 (local.get $B01))))
              (local.set $x (f64.add (local.get $x) (f64x2.extract_lane 1 (local.get $B01))))
              (local.set $x (f64.add (local.get $x) (f64x2.extract_lane 0 (local.get $B23))))
              (local.set $x (f64.add (local.get $x) (f64x2.extract_lane 1 (local.get $B23))))
              (f64.store (i32.add (local.get $p) (local.get $o)) (local.get $x))
              (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
              (local.set $pb (i32.add (local.get $pb) (i32.const 16)))
              (br_if $cols
                (i32.lt_u (local.tee $o (i32.add (local.get $o) (i32.const 8))) (local.get $end))))))
        (call $row (local.get $a) (local.get $r) (local.get $r) (f64x2.extract_lane 0 (local.get $S01)) (local.get $u) (local.get $q) (local.get $w) (local.get $p))
        (call $row (local.get $a) (i32.add (local.get $r) (i32.const 1)) (local.get $r) (f64x2.extract_lane 1 (local.get $S01)) (local.get $u) (local.get $q) (local.get $w) (local.get $p))
        (call $row (local.get $a) (i32.add (local.get $r) (i32.const 2)) (local.get $r) (f64x2.extract_lane 0 (local.get $S23)) (local.get $u) (local.get $q) (local.get $w) (local.get $p))
        (call $row (local.get $a) (i32.add (local.get $r) (i32.const 3)) (local.get $r) (f64x2.extract_lane 1 (local.get $S23)) (local.get $u) (local.get $q) (local.get $w) (local.get $p))
        (local.set $r (i32.add (local.get $r) (i32.const 4)))
        (br $groups)))
    ;; the last i mod 4 rows, one at a time
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $i)))
        (call $row (local.get $a) (local.get $r) (i32.const 0) (f64.const 0) (local.get $u) (local.get $q) (local.get $w) (local.get $p))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows))))

  ;; row(a, r, c0, s, u, q, w, p): row r of $tred from column c0 on, with running sum s: columns
  ;; c0..r-1 one at a time, then the diagonal and p_r += s + A_rr w_r.
  (func $row
    (param $a i32) (param $r i32) (param $c0 i32) (param $s f64) (param $u i32) (param $q i32) (param $w i32) (param $p i32)
    (local $base i32) (local $o i32) (local $end i32) (local $ur f64) (local $qr f64) (local $vr f64) (local $b f64)
    ;; base = a + 16 k (k + 1) + 8 (r & 1), k = r / 2: entry (r, c) at base + 16 c
    (local.set $base (i32.add (i32.add (local.get $a)
      (i32.shl (i32.mul (i32.shr_u (local.get $r) (i32.const 1)) (i32.add (i32.shr_u (local.get $r) (i32.const 1)) (i32.const 1))) (i32.const 4)))
      (i32.shl (i32.and (local.get $r) (i32.const 1)) (i32.const 3))))
    (local.set $end (i32.shl (local.get $r) (i32.const 3)))
    (local.set $ur (f64.load (i32.add (local.get $u) (local.get $end))))
    (local.set $qr (f64.load (i32.add (local.get $q) (local.get $end))))
    (local.set $vr (f64.load (i32.add (local.get $w) (local.get $end))))
    (local.set $o (i32.shl (local.get $c0) (i32.const 3)))
    (block $colsDone
      (loop $cols
        (br_if $colsDone (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $b (f64.sub (f64.load (i32.add (local.get $base) (i32.shl (local.get $o) (i32.const 1))))
          (f64.add (f64.mul (local.get $qr) (f64.load (i32.add (local.get $u) (local.get $o))))
                   (f64.mul (local.get $ur) (f64.load (i32.add (local.get $q) (local.get $o)))))))
        (f64.store (i32.add (local.get $base) (i32.shl (local.get $o) (i32.const 1))) (local.get $b))
        (local.set $s (f64.add (local.get $s) (f64.mul (local.get $b) (f64.load (i32.add (local.get $w) (local.get $o))))))
        (f64.store (i32.add (local.get $p) (local.get $o))
          (f64.add (f64.load (i32.add (local.get $p) (local.get $o))) (f64.mul (local.get $b) (local.get $vr))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (br $cols)))
    ;; the diagonal (o = 8 r)
    (local.set $base (i32.add (local.get $base) (i32.shl (local.get $o) (i32.const 1))))
    (local.set $b (f64.sub (f64.load (local.get $base))
      (f64.add (f64.mul (local.get $qr) (local.get $ur)) (f64.mul (local.get $ur) (local.get $qr)))))
    (f64.store (local.get $base) (local.get $b))
    (f64.store (i32.add (local.get $p) (local.get $o))
      (f64.add (f64.load (i32.add (local.get $p) (local.get $o)))
        (f64.add (local.get $s) (f64.mul (local.get $b) (local.get $vr))))))

  (export "mem" (memory $mem))
)
