// RUN: kiln-opt %s --kiln-approximate-math | FileCheck %s

// f32 exp, tanh, erf, log1p become arithmetic; f16 is computed in f32.
// CHECK-LABEL: func @approximated
// CHECK-NOT: math.exp
// CHECK-NOT: math.tanh
// CHECK-NOT: math.erf
// CHECK-NOT: math.log1p
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: arith.truncf %{{.*}} : f32 to f16
// CHECK: return
func.func @approximated(%x: f32, %v: vector<8xf32>, %h: f16) -> (f32, vector<8xf32>, f32, f32, f16) {
  %0 = math.exp %x : f32
  %1 = math.tanh %v : vector<8xf32>
  %2 = math.erf %x : f32
  %3 = math.log1p %x : f32
  %4 = math.exp %h : f16
  return %0, %1, %2, %3, %4 : f32, vector<8xf32>, f32, f32, f16
}

// Functions without an accurate approximation stay for libm.
// CHECK-LABEL: func @kept
// CHECK: math.powf
// CHECK: math.sin
// CHECK: math.cos
func.func @kept(%x: f32, %y: f32) -> (f32, f32, f32) {
  %0 = math.powf %x, %y : f32
  %1 = math.sin %x : f32
  %2 = math.cos %x : f32
  return %0, %1, %2 : f32, f32, f32
}

// f32 exp is Kiln's: clamp to [-88, 89] (compare and select, NaN kept),
// n = floor(x log2 e) by adding 1.5 * 2^23 + 127, 2^n from the sum's bits
// shifted left by 23, r by two FMAs (Cody-Waite), a degree-5 polynomial by
// five FMAs, one multiply; no floor, no float-to-int conversion.
// CHECK-LABEL: func @exp_kiln
// CHECK-SAME: (%[[X:.*]]: vector<8xf32>)
// CHECK-DAG: %[[LO:.*]] = arith.constant dense<-8.800000e+01> : vector<8xf32>
// CHECK-DAG: %[[HI:.*]] = arith.constant dense<8.900000e+01> : vector<8xf32>
// CHECK-DAG: %[[MAGIC:.*]] = arith.constant dense<0x4B40007F> : vector<8xf32>
// CHECK-DAG: %[[C23:.*]] = arith.constant dense<23> : vector<8xi32>
// CHECK: %[[BELOW:.*]] = arith.cmpf olt, %[[X]], %[[LO]]
// CHECK: %[[X1:.*]] = arith.select %[[BELOW]], %[[LO]], %[[X]]
// CHECK: %[[ABOVE:.*]] = arith.cmpf ogt, %[[X1]], %[[HI]]
// CHECK: %[[X2:.*]] = arith.select %[[ABOVE]], %[[HI]], %[[X1]]
// CHECK: %[[T:.*]] = math.fma %[[X2]]
// CHECK: %[[V:.*]] = arith.addf %[[T]], %[[MAGIC]]
// CHECK: %[[N:.*]] = arith.subf %[[V]], %[[MAGIC]]
// CHECK: %[[BITS:.*]] = arith.bitcast %[[V]] : vector<8xf32> to vector<8xi32>
// CHECK: %[[SHIFTED:.*]] = arith.shli %[[BITS]], %[[C23]]
// CHECK: %[[SCALE:.*]] = arith.bitcast %[[SHIFTED]] : vector<8xi32> to vector<8xf32>
// CHECK: %[[R0:.*]] = math.fma %[[N]], %{{.*}}, %[[X2]]
// CHECK: %[[R:.*]] = math.fma %[[N]], %{{.*}}, %[[R0]]
// CHECK-COUNT-5: math.fma %{{.*}}, %[[R]], %{{.*}}
// CHECK: %[[Y:.*]] = arith.mulf %{{.*}}, %[[SCALE]]
// CHECK-NOT: math.floor
// CHECK-NOT: arith.fptosi
// CHECK: return %[[Y]]
func.func @exp_kiln(%x: vector<8xf32>) -> vector<8xf32> {
  %0 = math.exp %x : vector<8xf32>
  return %0 : vector<8xf32>
}

// Scalars too; expm1 keeps upstream's formula, on top of Kiln's exp.
// CHECK-LABEL: func @exp_scalar
// CHECK: arith.shli %{{.*}} : i32
// CHECK-NOT: math.exp
// CHECK: return
func.func @exp_scalar(%x: f32) -> (f32, f32) {
  %0 = math.exp %x : f32
  %1 = math.expm1 %x : f32
  return %0, %1 : f32, f32
}

// f32 erf is x P(x^2) / Q(x^2) on x clamped to [-4, 4]: six FMAs for P, four
// for Q, one division marked for a reciprocal estimate; no selects of
// per-interval coefficients.
// CHECK-LABEL: func @erf_kiln
// CHECK-SAME: (%[[X:.*]]: vector<8xf32>)
// CHECK-DAG: %[[LO:.*]] = arith.constant dense<-4.000000e+00> : vector<8xf32>
// CHECK-DAG: %[[HI:.*]] = arith.constant dense<4.000000e+00> : vector<8xf32>
// CHECK: %[[BELOW:.*]] = arith.cmpf olt, %[[X]], %[[LO]]
// CHECK: %[[X1:.*]] = arith.select %[[BELOW]], %[[LO]], %[[X]]
// CHECK: %[[ABOVE:.*]] = arith.cmpf ogt, %[[X1]], %[[HI]]
// CHECK: %[[X2:.*]] = arith.select %[[ABOVE]], %[[HI]], %[[X1]]
// CHECK: %[[SQ:.*]] = arith.mulf %[[X2]], %[[X2]]
// CHECK-COUNT-6: math.fma %{{.*}}, %[[SQ]], %{{.*}}
// CHECK: %[[P:.*]] = arith.mulf %[[X2]], %{{.*}}
// CHECK-COUNT-4: math.fma %{{.*}}, %[[SQ]], %{{.*}}
// CHECK: %[[Y:.*]] = arith.divf %[[P]], %{{.*}} fastmath<ninf,arcp,contract>
// CHECK-NOT: arith.select
// CHECK: return %[[Y]]
func.func @erf_kiln(%x: vector<8xf32>) -> vector<8xf32> {
  %0 = math.erf %x : vector<8xf32>
  return %0 : vector<8xf32>
}
