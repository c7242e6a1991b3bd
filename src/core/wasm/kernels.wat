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

  (export "mem" (memory $mem))
)
