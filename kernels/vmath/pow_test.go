package vmath

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// powRef returns |x|**y (exact to about 2^-190 relative) for finite x != 0.
func powRef(x, y float64) *big.Float {
	l := expRefLog(math.Abs(x))
	l.Mul(l, expNewF(y))
	return expRefExp(l)
}

// powInputs64 draws pow's float64 points: positive x in every binade with
// y spreading y*log x over the finite range, x near 1 with large y, and
// negative x with integer y.
func powInputs64(n int) (x, y []float64) {
	rng := rand.New(rand.NewPCG(9, 10))
	x, y = make([]float64, n), make([]float64, n)
	for i := range x {
		switch i % 4 {
		case 0, 1:
			x[i] = math.Float64frombits(rng.Uint64N(0x7ff0000000000000-1) + 1)
			l := math.Abs(math.Log(x[i]))
			if l < 1e-300 {
				l = 1
			}
			y[i] = (rng.Float64()*2 - 1) * 750 / l
		case 2:
			x[i] = 1 + (rng.Float64()-0.5)*math.Ldexp(1, -rng.IntN(30))
			y[i] = (rng.Float64()*2 - 1) * math.Ldexp(1, rng.IntN(40))
		default:
			x[i] = -math.Ldexp(rng.Float64()+0.5, rng.IntN(40)-20)
			y[i] = float64(rng.IntN(60) - 30)
		}
	}
	return x, y
}

func TestPowAccuracy(t *testing.T) {
	x, y := powInputs64(expPoints(3000))
	refs := make([]*big.Float, len(x))
	for i := range x {
		refs[i] = powRef(x[i], y[i])
		if x[i] < 0 && int64(y[i])&1 != 0 {
			refs[i].Neg(refs[i])
		}
	}
	expEachLevel(t, func(t *testing.T) {
		got := make([]float64, len(x))
		Pow(got, x, y)
		var s expStats
		for i := range x {
			expSame64(t, "Pow vs scalar", x[i], got[i], powF64(x[i], y[i]))
			s.add(t, x[i], got[i], refs[i], 53, -1074)
		}
		s.check(t, "pow f64")
		// Scalar exponent and scalar base take the same bodies.
		ys := []float64{2.5, -1.75, 1.0 / 3, 7, -0.5}
		for _, e := range ys {
			PowScalar(got, x, e)
			for i := range x {
				expSame64(t, "PowScalar", x[i], got[i], powF64(x[i], e))
			}
			ScalarPow(got, e, y)
			for i := range y {
				expSame64(t, "ScalarPow", y[i], got[i], powF64(e, y[i]))
			}
		}
	})
}

func TestPow32Accuracy(t *testing.T) {
	n := expPoints(3000)
	rng := rand.New(rand.NewPCG(11, 12))
	x, y := make([]float32, n), make([]float32, n)
	for i := range x {
		switch i % 3 {
		case 0, 1:
			x[i] = math.Float32frombits(rng.Uint32N(0x7f800000-1) + 1)
			l := math.Abs(math.Log(float64(x[i])))
			if l < 1e-30 {
				l = 1
			}
			y[i] = float32((rng.Float64()*2 - 1) * 100 / l)
		default:
			x[i] = -float32(math.Ldexp(rng.Float64()+0.5, rng.IntN(10)-5))
			y[i] = float32(rng.IntN(20) - 10)
		}
	}
	refs := make([]*big.Float, len(x))
	for i := range x {
		refs[i] = powRef(float64(x[i]), float64(y[i]))
		if x[i] < 0 && int64(y[i])&1 != 0 {
			refs[i].Neg(refs[i])
		}
	}
	expEachLevel(t, func(t *testing.T) {
		got := make([]float32, len(x))
		Pow32(got, x, y)
		var s expStats
		for i := range x {
			expSame32(t, "Pow32 vs scalar", x[i], got[i], powF32(x[i], y[i]))
			s.add(t, float64(x[i]), float64(got[i]), refs[i], 24, -149)
		}
		s.check(t, "pow f32")
		for _, e := range []float32{2.5, -1.75, 3} {
			PowScalar32(got, x, e)
			for i := range x {
				expSame32(t, "PowScalar32", x[i], got[i], powF32(x[i], e))
			}
			ScalarPow32(got, e, y)
			for i := range y {
				expSame32(t, "ScalarPow32", y[i], got[i], powF32(e, y[i]))
			}
		}
	})
}

// powSpecialValues are the operands of C99's special cases and their
// neighbours.
var powSpecialValues = []float64{
	0, math.Copysign(0, -1), 1, -1, 0.5, -0.5, 2, -2, 3, -3, 2.5, -2.5,
	math.Inf(1), math.Inf(-1), math.NaN(), 0x1p53, -0x1p53, 0x1p53 + 2, 1e300, -1e300,
	5e-324, -5e-324, 0x1p-1022, 1 + 0x1p-52, 1 - 0x1p-53, 709.78, -745.2, 1075, -1075,
}

// TestPowSpecial checks C99's table against math.Pow (which follows it)
// on every pair of special operands, at every level and lane position.
func TestPowSpecial(t *testing.T) {
	expEachLevel(t, func(t *testing.T) {
		for _, a := range powSpecialValues {
			for _, b := range powSpecialValues {
				want := math.Pow(a, b)
				for pos := range 5 {
					x, y := make([]float64, 5), make([]float64, 5)
					for i := range x {
						x[i], y[i] = 1.5, 0.75
					}
					x[pos], y[pos] = a, b
					Pow(x, x, y)
					got := x[pos]
					if math.IsNaN(want) {
						if !math.IsNaN(got) {
							t.Fatalf("Pow(%v, %v) = %v, want NaN", a, b, got)
						}
						continue
					}
					if got != want || math.Signbit(got) != math.Signbit(want) {
						// Finite nonzero results need only be within
						// 1 ulp of the reference (math.Pow is not exact).
						if !math.IsInf(want, 0) && want != 0 && a != 0 {
							var s expStats
							ref := powRef(a, b)
							if a < 0 && math.Signbit(want) {
								ref.Neg(ref)
							}
							s.add(t, a, got, ref, 53, -1074)
							if s.maxUlp <= 1 {
								continue
							}
						}
						t.Fatalf("Pow(%v, %v) = %v, want %v", a, b, got, want)
					}
				}
			}
		}
	})
}

// TestPowScalarFastPaths checks NumPy's scalar-exponent fast paths: 2 is
// x*x, 0.5 is sqrt (NaN for -Inf, -0 for -0), -1 is 1/x, 1 copies x.
func TestPowScalarFastPaths(t *testing.T) {
	negZero := math.Copysign(0, -1)
	x := []float64{math.Inf(-1), negZero, 0, 2, -3, math.Inf(1), 1e200, 5e-324}
	for _, e := range []float64{2, 0.5, -1, 1} {
		got := make([]float64, len(x))
		PowScalar(got, x, e)
		for i, v := range x {
			var want float64
			switch e {
			case 2:
				want = v * v
			case 0.5:
				want = math.Sqrt(v)
			case -1:
				want = 1 / v
			default:
				want = v
			}
			if math.IsNaN(want) {
				if !math.IsNaN(got[i]) {
					t.Errorf("PowScalar(%v, %v) = %v, want NaN", v, e, got[i])
				}
				continue
			}
			expSame64(t, "PowScalar", v, got[i], want)
		}
	}
	got := make([]float32, 2)
	PowScalar32(got, []float32{float32(math.Inf(-1)), float32(negZero)}, 0.5)
	if !math.IsNaN(float64(got[0])) || math.Float32bits(got[1]) != 0x80000000 {
		t.Errorf("PowScalar32(-Inf, -0; 0.5) = %v, want NaN, -0", got)
	}
}

// TestPow32Log checks pow32Log's relative error against the math/big
// log on float32 arguments of every binade and on those within 2^-10 of
// 1, where the interval with invc = 1 keeps it relative.
func TestPow32Log(t *testing.T) {
	n := expPoints(3000)
	rng := rand.New(rand.NewPCG(13, 14))
	worst, at := 0.0, 0.0
	for i := range n {
		var x float32
		if i%2 == 0 {
			x = math.Float32frombits(rng.Uint32N(0x7f800000-1) + 1)
		} else {
			x = float32(1 + (rng.Float64()*2-1)*0x1p-10)
			if x == 1 {
				continue
			}
		}
		ref := expRefLog(float64(x))
		got := expNewF(pow32Log(float64(x)))
		d := new(big.Float).Sub(got, ref)
		d.Quo(d, ref)
		if e, _ := d.Float64(); math.Abs(e) > worst {
			worst, at = math.Abs(e), float64(x)
		}
	}
	t.Logf("pow32Log: %d points, max relative error 2^%.2f (at %v)", n, math.Log2(worst), at)
	if worst > 0x1p-37 {
		t.Errorf("pow32Log: relative error 2^%.2f > 2^-37 at %v", math.Log2(worst), at)
	}
}

// TestPow32NearOne checks Pow32 within 1 ulp where x is within 2^-10 of 1
// and y large, so that y*log x spans exp32Bound: log x's error is
// multiplied by y there.
func TestPow32NearOne(t *testing.T) {
	n := expPoints(3000)
	rng := rand.New(rand.NewPCG(15, 16))
	x, y := make([]float32, n), make([]float32, n)
	for i := range x {
		for x[i] == 0 || x[i] == 1 {
			x[i] = float32(1 + (rng.Float64()*2-1)*math.Ldexp(1, -10-rng.IntN(13)))
		}
		y[i] = float32((rng.Float64()*2 - 1) * 100 / math.Abs(math.Log(float64(x[i]))))
	}
	refs := make([]*big.Float, n)
	for i := range x {
		refs[i] = powRef(float64(x[i]), float64(y[i]))
	}
	expEachLevel(t, func(t *testing.T) {
		got := make([]float32, n)
		Pow32(got, x, y)
		var s expStats
		for i := range x {
			expSame32(t, "Pow32 vs scalar", x[i], got[i], powF32(x[i], y[i]))
			s.add(t, float64(x[i]), float64(got[i]), refs[i], 24, -149)
		}
		s.check(t, "pow f32 near 1")
	})
}

// TestPowLogFast2Sum checks the premise of powLogMul's first Fast2Sum,
// h0 = w + r with w = k*ln2hi + lchi: on every interval of logTab and for
// k = -1, 0, 1 (larger |k| only makes |w| larger), w is zero or its
// exponent is at least that of every r of the interval, so that the sum's
// error (w - h0) + r is exact.
func TestPowLogFast2Sum(t *testing.T) {
	for i := range uint64(logN) {
		a := logTab[2*i]
		invc := math.Float64frombits((a&logCodeMask)<<45 + logInvcBase)
		lchi := math.Float64frombits(a &^ logCodeMask)
		lo := math.Float64frombits(logOff + i<<45)
		hi := math.Float64frombits(logOff + (i+1)<<45 - 1)
		maxR := math.Max(math.Abs(math.FMA(lo, invc, -1)), math.Abs(math.FMA(hi, invc, -1)))
		_, er := math.Frexp(maxR)
		for k := -1.0; k <= 1; k++ {
			w := math.FMA(k, logLn2hi, lchi)
			if _, ew := math.Frexp(w); w != 0 && ew < er {
				t.Errorf("interval %d, k = %v: |w| = %g, |r| up to %g", i, k, math.Abs(w), maxR)
			}
		}
	}
}
