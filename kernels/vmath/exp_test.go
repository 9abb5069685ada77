package vmath

import (
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"testing"

	"gonp/kernels/cpu"
)

// The accuracy tests compare every result with a 200-bit reference built
// here from math/big alone (series for atanh and exp, no tables), count
// the correctly rounded results and the largest error in ulps, and check
// that every cpu level gives the scalar body's bits. GONP_VMATH_POINTS
// sets the number of random points per function and dtype (make
// test-accuracy runs 1e6); the default keeps go test to seconds.

const expRefPrec = 200

func expPoints(def int) int {
	if s := os.Getenv("GONP_VMATH_POINTS"); s != "" {
		if n, err := strconv.Atoi(s); err == nil && n > 0 {
			return n
		}
	}
	return def
}

func expNewF(v float64) *big.Float { return new(big.Float).SetPrec(expRefPrec).SetFloat64(v) }

// expRefAtanh2 returns 2*atanh(u) = log((1+u)/(1-u)) for |u| <= 1/3.
func expRefAtanh2(u *big.Float) *big.Float {
	u2 := new(big.Float).SetPrec(expRefPrec).Mul(u, u)
	term := new(big.Float).SetPrec(expRefPrec).Set(u)
	sum := new(big.Float).SetPrec(expRefPrec)
	t := new(big.Float).SetPrec(expRefPrec)
	for n := 1; term.Sign() != 0; n += 2 {
		t.Quo(term, expNewF(float64(n)))
		sum.Add(sum, t)
		if sum.Sign() != 0 && t.MantExp(nil) < sum.MantExp(nil)-expRefPrec-4 {
			break
		}
		term.Mul(term, u2)
	}
	return sum.Mul(sum, expNewF(2))
}

var expRefLn2 = sync.OnceValue(func() *big.Float {
	// log 2 = 2*atanh(1/3)
	u := new(big.Float).SetPrec(expRefPrec).Quo(expNewF(1), expNewF(3))
	return expRefAtanh2(u)
})

// expRefLog returns log(x) for finite x > 0 (subnormal included).
func expRefLog(x float64) *big.Float {
	m, e := math.Frexp(x) // x = m * 2^e, m in [0.5, 1)
	if m < math.Sqrt2/2 {
		m *= 2
		e--
	}
	bm := expNewF(m)
	num := new(big.Float).SetPrec(expRefPrec).Sub(bm, expNewF(1))
	den := new(big.Float).SetPrec(expRefPrec).Add(bm, expNewF(1))
	l := expRefAtanh2(num.Quo(num, den))
	k := new(big.Float).SetPrec(expRefPrec).Mul(expNewF(float64(e)), expRefLn2())
	return l.Add(l, k)
}

// expRefExp returns e^v for |v| < 2000: v = k*ln2 + r, e^r = (e^(r/256))^256.
func expRefExp(v *big.Float) *big.Float {
	vf, _ := v.Float64()
	k := math.Round(vf / math.Ln2)
	r := new(big.Float).SetPrec(expRefPrec).Mul(expNewF(k), expRefLn2())
	r.Sub(v, r)
	r.SetMantExp(r, -8)
	sum := expNewF(1)
	term := expNewF(1)
	for n := 1; n < 60; n++ {
		term.Mul(term, r)
		term.Quo(term, expNewF(float64(n)))
		sum.Add(sum, term)
		if term.Sign() == 0 || term.MantExp(nil) < -expRefPrec-4 {
			break
		}
	}
	for range 8 {
		sum.Mul(sum, sum)
	}
	return sum.SetMantExp(sum, int(k))
}

// expStats gathers the errors of one function on one dtype.
type expStats struct {
	n, exact int
	maxUlp   float64
	worst    float64 // input of maxUlp (first operand)
}

// add records got against the exact value ref, for a result with mant
// significand bits and minExp the exponent of its smallest subnormal.
func (s *expStats) add(t *testing.T, in, got float64, ref *big.Float, mant, minExp int) {
	t.Helper()
	s.n++
	var want float64
	if mant == 53 {
		want, _ = ref.Float64()
	} else {
		w, _ := ref.Float32()
		want = float64(w)
	}
	if got == want {
		s.exact++
	}
	if math.IsInf(want, 0) || ref.Sign() == 0 {
		if got != want {
			s.maxUlp = math.Inf(1)
			s.worst = in
		}
		return
	}
	// ulp of the exact value's binade, at least the subnormal spacing.
	e := ref.MantExp(nil) - mant
	if e < minExp {
		e = minExp
	}
	d := new(big.Float).SetPrec(expRefPrec).Sub(expNewF(got), ref)
	d.SetMantExp(d, -e)
	u, _ := d.Float64()
	if u = math.Abs(u); u > s.maxUlp {
		s.maxUlp, s.worst = u, in
	}
}

func (s *expStats) check(t *testing.T, name string) {
	t.Helper()
	t.Logf("%s: %d points, max %.4f ulp (at %v), correctly rounded %.3f%%",
		name, s.n, s.maxUlp, s.worst, 100*float64(s.exact)/float64(s.n))
	if s.maxUlp > 1 {
		t.Errorf("%s: error %.4f ulp > 1 at %v", name, s.maxUlp, s.worst)
	}
}

// expEachLevel runs f at every cpu level this machine has.
func expEachLevel(t *testing.T, f func(t *testing.T)) {
	prev := cpu.Active()
	defer cpu.Set(prev)
	for _, l := range cpu.Levels() {
		cpu.Set(l)
		t.Run(l.String(), f)
	}
}

// expSame fails unless got and want have the same bits (any NaN matches
// any NaN only where sameNaN is false).
func expSame64(t *testing.T, what string, in, got, want float64) {
	t.Helper()
	if math.Float64bits(got) != math.Float64bits(want) {
		t.Fatalf("%s(%v) = %v (%#x), want %v (%#x)", what, in, got, math.Float64bits(got), want, math.Float64bits(want))
	}
}

func expSame32(t *testing.T, what string, in, got, want float32) {
	t.Helper()
	if math.Float32bits(got) != math.Float32bits(want) {
		t.Fatalf("%s(%v) = %v (%#x), want %v (%#x)", what, in, got, math.Float32bits(got), want, math.Float32bits(want))
	}
}

// expInputs64 draws exp's float64 points: uniform on the whole finite
// result range, plus log-uniform small magnitudes.
func expInputs64(n int) []float64 {
	rng := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, n)
	for i := range x {
		if i%4 == 3 {
			x[i] = math.Ldexp(rng.Float64()+0.5, -rng.IntN(60)) * float64(1-2*rng.IntN(2))
		} else {
			x[i] = -746 + rng.Float64()*(709.8+746)
		}
	}
	return x
}

func TestExpAccuracy(t *testing.T) {
	x := expInputs64(expPoints(3000))
	refs := make([]*big.Float, len(x))
	for i, v := range x {
		refs[i] = expRefExp(expNewF(v))
	}
	expEachLevel(t, func(t *testing.T) {
		got := make([]float64, len(x))
		Exp(got, x)
		var s expStats
		for i, v := range x {
			expSame64(t, "Exp vs scalar", v, got[i], expF64(v))
			s.add(t, v, got[i], refs[i], 53, -1074)
		}
		s.check(t, "exp f64")
	})
}

func TestExp32Accuracy(t *testing.T) {
	n := expPoints(3000)
	rng := rand.New(rand.NewPCG(3, 4))
	x := make([]float32, n)
	for i := range x {
		if i%4 == 3 {
			x[i] = float32(math.Ldexp(rng.Float64()+0.5, -rng.IntN(30)) * float64(1-2*rng.IntN(2)))
		} else {
			x[i] = float32(-104 + rng.Float64()*(88.8+104))
		}
	}
	refs := make([]*big.Float, len(x))
	for i, v := range x {
		refs[i] = expRefExp(expNewF(float64(v)))
	}
	expEachLevel(t, func(t *testing.T) {
		got := make([]float32, len(x))
		Exp32(got, x)
		var s expStats
		for i, v := range x {
			expSame32(t, "Exp32 vs scalar", v, got[i], expF32(v))
			s.add(t, float64(v), float64(got[i]), refs[i], 24, -149)
		}
		s.check(t, "exp f32")
	})
}

// TestExpSpecial checks the special values and the edges of the range
// against the reference, at every level and at every lane position.
func TestExpSpecial(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	cases := []struct{ x, want float64 }{
		{0, 1}, {math.Copysign(0, -1), 1}, {inf, inf}, {-inf, 0},
		{710, inf}, {1e308, inf}, {-746, 0}, {-1e308, 0},
		{5e-324, 1}, {-5e-324, 1},
	}
	expEachLevel(t, func(t *testing.T) {
		for _, c := range cases {
			for pos := range 9 {
				x := make([]float64, 9)
				x[pos] = c.x
				Exp(x, x)
				expSame64(t, "Exp", c.x, x[pos], c.want)
			}
		}
		for _, v := range []float64{nan, -nan, math.Float64frombits(0x7ff8000000000123)} {
			x := []float64{v, v, v, v, v}
			Exp(x, x)
			for _, g := range x {
				if math.Float64bits(g) != math.Float64bits(v) {
					t.Fatalf("Exp(%#x) = %#x, want the same NaN", math.Float64bits(v), math.Float64bits(g))
				}
			}
		}
		// The top and bottom of the range, subnormal results included,
		// against the reference.
		var edge []float64
		for _, c := range []float64{709.782712893384, -708.3964185322641, -745.1332191019411, -744.44007192138122, -720, -740} {
			v := c
			for range 40 {
				edge = append(edge, v)
				v = math.Nextafter(v, -inf)
			}
			v = c
			for range 40 {
				v = math.Nextafter(v, inf)
				edge = append(edge, v)
			}
		}
		got := make([]float64, len(edge))
		Exp(got, edge)
		var s expStats
		for i, v := range edge {
			s.add(t, v, got[i], expRefExp(expNewF(v)), 53, -1074)
		}
		s.check(t, "exp f64 edges")
	})
}

func TestExp32Special(t *testing.T) {
	inf := float32(math.Inf(1))
	cases := []struct{ x, want float32 }{
		{0, 1}, {float32(math.Copysign(0, -1)), 1}, {inf, inf}, {-inf, 0},
		{89, inf}, {3e38, inf}, {-104, 0}, {-3e38, 0}, {1e-45, 1},
	}
	expEachLevel(t, func(t *testing.T) {
		for _, c := range cases {
			for pos := range 17 {
				x := make([]float32, 17)
				x[pos] = c.x
				Exp32(x, x)
				expSame32(t, "Exp32", c.x, x[pos], c.want)
			}
		}
		for _, b := range []uint32{0x7fc00000, 0xffc00000, 0x7fc00123, 0x7f800001} {
			v := math.Float32frombits(b)
			x := []float32{v, v, v, v, v, v, v, v, v}
			Exp32(x, x)
			for _, g := range x {
				expSame32(t, "Exp32 NaN", v, g, math.Float32frombits(exp32NaN))
			}
		}
		var edge []float32
		for _, c := range []float32{88.72283, -87.33655, -103.97208, -100} {
			v := c
			for range 100 {
				edge = append(edge, v)
				v = math.Nextafter32(v, -inf)
			}
		}
		got := make([]float32, len(edge))
		Exp32(got, edge)
		var s expStats
		for i, v := range edge {
			s.add(t, float64(v), float64(got[i]), expRefExp(expNewF(float64(v))), 24, -149)
		}
		s.check(t, "exp f32 edges")
	})
}

func TestExpLengthPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"Exp":       func() { Exp(make([]float64, 2), make([]float64, 3)) },
		"Exp32":     func() { Exp32(make([]float32, 2), make([]float32, 3)) },
		"Log":       func() { Log(make([]float64, 2), make([]float64, 3)) },
		"Log32":     func() { Log32(make([]float32, 2), make([]float32, 3)) },
		"Pow":       func() { Pow(make([]float64, 2), make([]float64, 2), make([]float64, 3)) },
		"Pow32":     func() { Pow32(make([]float32, 3), make([]float32, 2), make([]float32, 3)) },
		"PowScalar": func() { PowScalar(make([]float64, 2), make([]float64, 3), 2.5) },
		"ScalarPow": func() { ScalarPow(make([]float64, 2), 2.5, make([]float64, 3)) },
	} {
		func() {
			defer func() {
				if r := recover(); r != expErrLength {
					t.Errorf("%s: recovered %v, want %q", name, r, expErrLength)
				}
			}()
			f()
		}()
	}
}

// TestFma32 checks fma32 against a*b + c computed exactly with math/big
// and rounded once to float32, on random operands and on sums built to
// fall at or next to a float32 rounding boundary (where rounding twice,
// to float64 then float32, would differ).
func TestFma32(t *testing.T) {
	rng := rand.New(rand.NewPCG(51, 52))
	check := func(a, b, c float32) {
		exact := new(big.Float).SetPrec(300).Mul(new(big.Float).SetFloat64(float64(a)), new(big.Float).SetFloat64(float64(b)))
		exact.Add(exact, new(big.Float).SetFloat64(float64(c)))
		want, _ := exact.Float32()
		if got := fma32(a, b, c); math.Float32bits(got) != math.Float32bits(want) {
			t.Fatalf("fma32(%v, %v, %v) = %v, want %v", a, b, c, got, want)
		}
	}
	for range 200000 {
		a := float32(rng.NormFloat64() * math.Exp2(float64(rng.IntN(40)-20)))
		b := float32(rng.NormFloat64())
		c := float32(rng.NormFloat64() * math.Exp2(float64(rng.IntN(60)-30)))
		check(a, b, c)
		// c = -(a*b rounded to float32) plus a tiny offset: the sum is
		// a*b's low part, with a far smaller c2 on top.
		p := a * b
		check(a, b, -p)
		check(a, b, -p+float32(math.Exp2(-30))*p)
		// a*b + c at a float32 midpoint with a sticky tail below float64's
		// precision: c = tie offset, a*b exact beyond 53 bits.
		h := float32(1 + float64(rng.IntN(1<<23))*0x1p-23)
		check(1+0x1p-23, h, float32(math.Exp2(-60)))
		check(h, 1+0x1p-12, -h)
		// a*b a float32 midpoint (a 25-bit product) and c tiny on either
		// side: float64 rounds the sum onto the midpoint.
		m := float32(1 + float64(rng.IntN(1<<11))*0x1p-11)
		g := float32(1+float64(rng.IntN(1<<12))*0x1p-12) + 0x1p-13
		for _, tiny := range []float32{0x1p-70, -0x1p-70, 0x1p-60, -0x1p-60} {
			check(m, g, tiny)
		}
		// Subnormal results.
		check(float32(rng.NormFloat64())*0x1p-70, float32(rng.NormFloat64())*0x1p-60, float32(rng.NormFloat64())*0x1p-130)
	}
	// The midpoint case, built exactly: (1 + 2^-12)(1 + 2^-12) = 1 + 2^-11 +
	// 2^-24, a float32 midpoint; a tiny c decides the rounding.
	for _, c := range []float32{0, 0x1p-80, -0x1p-80} {
		check(1+0x1p-12, 1+0x1p-12, c)
	}
}
