package vmath

import (
	"math"
	"math/big"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
)

// The accuracy tests of the functions of funcs_*.go, expm1_log1p.go,
// hyperbolic.go, trig_inverse.go and tan.go compare every result with a
// reference computed here in math/big at fnPrec bits from series alone
// (exp by Taylor and squaring, log by atanh, atan by argument halving and
// its series, π from sincos_test.go's Machin formula), at the points of
// expPoints (GONP_VMATH_POINTS; make test-accuracy runs 1e6).

const fnPrec = 256

func fnF(v float64) *big.Float { return new(big.Float).SetPrec(fnPrec).SetFloat64(v) }

func fnNew() *big.Float { return new(big.Float).SetPrec(fnPrec) }

// fnAtanh2 is 2 atanh(u) for |u| <= 1/2.
func fnAtanh2(u *big.Float) *big.Float {
	u2 := fnNew().Mul(u, u)
	term := fnNew().Set(u)
	sum := fnNew()
	t := fnNew()
	for n := int64(1); term.Sign() != 0; n += 2 {
		t.Quo(term, new(big.Float).SetInt64(n))
		sum.Add(sum, t)
		if sum.Sign() != 0 && t.MantExp(nil) < sum.MantExp(nil)-fnPrec-8 {
			break
		}
		term.Mul(term, u2)
	}
	return sum.Mul(sum, fnF(2))
}

var fnRefLn2 = sync.OnceValue(func() *big.Float { return fnAtanh2(fnNew().Quo(fnF(1), fnF(3))) })

var fnRefPi = sync.OnceValue(func() *big.Float {
	pi, _ := scRefConsts()
	return fnNew().Set(pi)
})

// fnRefLog is log v for v > 0.
func fnRefLog(v *big.Float) *big.Float {
	m := fnNew()
	e := v.MantExp(m)
	if m.Cmp(fnF(math.Sqrt2/2)) < 0 {
		m.SetMantExp(m, 1)
		e--
	}
	u := fnNew().Sub(m, fnF(1))
	u.Quo(u, fnNew().Add(m, fnF(1)))
	l := fnAtanh2(u)
	return l.Add(l, fnNew().Mul(fnF(float64(e)), fnRefLn2()))
}

// fnRefExp is e^v for |v| < 2000.
func fnRefExp(v *big.Float) *big.Float {
	vf, _ := v.Float64()
	k := math.Round(vf / math.Ln2)
	r := fnNew().Sub(v, fnNew().Mul(fnF(k), fnRefLn2()))
	r.SetMantExp(r, -8)
	sum, term := fnF(1), fnF(1)
	for n := 1; n < 100; n++ {
		term.Mul(term, r)
		term.Quo(term, fnF(float64(n)))
		sum.Add(sum, term)
		if term.Sign() == 0 || term.MantExp(nil) < -fnPrec-8 {
			break
		}
	}
	for range 8 {
		sum.Mul(sum, sum)
	}
	return sum.SetMantExp(sum, int(k))
}

// fnSeries is Σ_{n>=0} c(n) v^(first+step*n), summed until the terms
// vanish at fnPrec bits; for |v| < 1.
func fnSeries(v *big.Float, first, step int, c func(n int) *big.Float) *big.Float {
	pw := fnNew().Set(v)
	for i := 1; i < first; i++ {
		pw.Mul(pw, v)
	}
	vs := fnF(1)
	for range step {
		vs.Mul(vs, v)
	}
	sum := fnNew()
	for n := 0; n < 2000; n++ {
		t := fnNew().Mul(pw, c(n))
		sum.Add(sum, t)
		if t.Sign() == 0 || (sum.Sign() != 0 && t.MantExp(nil) < sum.MantExp(nil)-fnPrec-8) {
			break
		}
		pw.Mul(pw, vs)
	}
	return sum
}

func fnFact(n int) *big.Float {
	f := new(big.Int).MulRange(1, int64(max(n, 1)))
	return fnNew().SetInt(f)
}

// fnRefAtan is atan v: halvings atan v = 2 atan(v/(1+sqrt(1+v²))) down
// to |v| < 1/8, then the series.
func fnRefAtan(v *big.Float) *big.Float {
	w := fnNew().Set(v)
	m := 1.0
	for fnNew().Abs(w).Cmp(fnF(0.125)) > 0 {
		s := fnNew().Mul(w, w)
		s.Add(s, fnF(1))
		s.Sqrt(s)
		s.Add(s, fnF(1))
		w.Quo(w, s)
		m *= 2
	}
	r := fnSeries(w, 1, 2, func(n int) *big.Float {
		c := fnNew().Quo(fnF(1), fnF(float64(2*n+1)))
		if n%2 == 1 {
			c.Neg(c)
		}
		return c
	})
	return r.Mul(r, fnF(m))
}

func fnRefExpm1(x float64) *big.Float {
	if math.Abs(x) < 0.5 {
		return fnSeries(fnF(x), 1, 1, func(n int) *big.Float { return fnNew().Quo(fnF(1), fnFact(n+1)) })
	}
	e := fnRefExp(fnF(x))
	return e.Sub(e, fnF(1))
}

func fnRefLog1p(x float64) *big.Float {
	if math.Abs(x) < 1.0/1024 {
		return fnSeries(fnF(x), 1, 1, func(n int) *big.Float {
			c := fnNew().Quo(fnF(1), fnF(float64(n+1)))
			if n%2 == 1 {
				c.Neg(c)
			}
			return c
		})
	}
	return fnRefLog(fnNew().Add(fnF(1), fnF(x)))
}

var fnRefLn10 = sync.OnceValue(func() *big.Float { return fnRefLog(fnF(10)) })

func fnRefLog10(x float64) *big.Float {
	l := fnRefLog(fnF(x))
	return l.Quo(l, fnRefLn10())
}

func fnRefSinh(x float64) *big.Float {
	if math.Abs(x) < 1 {
		return fnSeries(fnF(x), 1, 2, func(n int) *big.Float { return fnNew().Quo(fnF(1), fnFact(2*n+1)) })
	}
	a, b := fnRefExp(fnF(x)), fnRefExp(fnF(-x))
	a.Sub(a, b)
	return a.SetMantExp(a, -1)
}

func fnRefCosh(x float64) *big.Float {
	a, b := fnRefExp(fnF(x)), fnRefExp(fnF(-x))
	a.Add(a, b)
	return a.SetMantExp(a, -1)
}

func fnRefTanh(x float64) *big.Float {
	if math.Abs(x) > 300 {
		return fnF(math.Copysign(1, x))
	}
	s := fnRefSinh(x)
	return s.Quo(s, fnRefCosh(x))
}

func fnRefAsinh(x float64) *big.Float {
	a := math.Abs(x)
	var r *big.Float
	if a < 0x1p-30 {
		r = fnSeries(fnF(a), 1, 2, func(n int) *big.Float {
			c := []float64{1, -1.0 / 6, 3.0 / 40, -15.0 / 336}
			return fnF(c[n%4])
		})
	} else {
		b := fnF(a)
		s := fnNew().Mul(b, b)
		s.Add(s, fnF(1))
		s.Sqrt(s)
		r = fnRefLog(s.Add(s, b))
	}
	if x < 0 {
		r.Neg(r)
	}
	return r
}

func fnRefAcosh(x float64) *big.Float {
	b := fnF(x)
	s := fnNew().Mul(b, b)
	s.Sub(s, fnF(1))
	s.Sqrt(s)
	return fnRefLog(s.Add(s, b))
}

func fnRefAtanh(x float64) *big.Float {
	a := math.Abs(x)
	var r *big.Float
	if a < 0x1p-30 {
		r = fnSeries(fnF(a), 1, 2, func(n int) *big.Float { return fnNew().Quo(fnF(1), fnF(float64(2*n+1))) })
	} else {
		n := fnNew().Add(fnF(1), fnF(a))
		r = fnRefLog(n.Quo(n, fnNew().Sub(fnF(1), fnF(a))))
		r.SetMantExp(r, -1)
	}
	if x < 0 {
		r.Neg(r)
	}
	return r
}

func fnRefAtan64(x float64) *big.Float { return fnRefAtan(fnF(x)) }

func fnRefAsin(x float64) *big.Float {
	a := math.Abs(x)
	var r *big.Float
	if a == 1 {
		r = fnNew().SetMantExp(fnRefPi(), -1)
	} else {
		b := fnF(a)
		s := fnNew().Mul(b, b)
		s.Sub(fnF(1), s)
		s.Sqrt(s)
		r = fnRefAtan(b.Quo(b, s))
	}
	if x < 0 {
		r.Neg(r)
	}
	return r
}

func fnRefAcos(x float64) *big.Float {
	if x == 0 {
		return fnNew().SetMantExp(fnRefPi(), -1)
	}
	b := fnF(x)
	s := fnNew().Mul(b, b)
	s.Sub(fnF(1), s)
	s.Sqrt(s)
	r := fnRefAtan(s.Quo(s, fnF(math.Abs(x))))
	if x < 0 {
		r.Sub(fnRefPi(), r)
	}
	return r
}

func fnRefAtan2(y, x float64) *big.Float {
	if x == 0 {
		r := fnNew().SetMantExp(fnRefPi(), -1)
		return r.Mul(r, fnF(math.Copysign(1, y)))
	}
	q := fnNew().Quo(fnF(y), fnF(x))
	r := fnRefAtan(q)
	if x < 0 {
		if y >= 0 {
			r.Add(r, fnRefPi())
		} else {
			r.Sub(r, fnRefPi())
		}
	}
	return r
}

func fnRefTan(x float64) *big.Float {
	s := scRef(x, false)
	return s.Quo(s, scRef(x, true))
}

// fnSpec is one function under test.
type fnSpec struct {
	name  string
	f64   func(dst, x []float64)
	f32   func(dst, x []float32)
	ref   func(x float64) *big.Float
	in    func(x float64) bool         // domain of the random points
	focus func(rng *rand.Rand) float64 // where the function is delicate
}

func fnUniform(lo, hi float64) func(*rand.Rand) float64 {
	return func(rng *rand.Rand) float64 { return lo + rng.Float64()*(hi-lo) }
}

func fnAbsBelow(b float64) func(float64) bool {
	return func(x float64) bool { return math.Abs(x) < b }
}

// fnSpecs lists the functions in the order of the work: every family
// adds its entries.
var fnSpecs []fnSpec

func init() {
	all := func(float64) bool { return true }
	fnSpecs = append(fnSpecs,
		fnSpec{"expm1", Expm1, Expm1F32, fnRefExpm1, fnAbsBelow(750), fnUniform(-1, 1)},
		fnSpec{"log1p", Log1p, Log1pF32, fnRefLog1p, func(x float64) bool { return x > -1 }, fnUniform(-1, 1)},
		fnSpec{"log10", Log10, Log10F32, fnRefLog10, func(x float64) bool { return x > 0 }, fnUniform(0.5, 2)},
		fnSpec{"sinh", Sinh, SinhF32, fnRefSinh, fnAbsBelow(750), fnUniform(-2, 2)},
		fnSpec{"cosh", Cosh, CoshF32, fnRefCosh, fnAbsBelow(750), fnUniform(-2, 2)},
		fnSpec{"tanh", Tanh, TanhF32, fnRefTanh, fnAbsBelow(750), fnUniform(-2, 2)},
		fnSpec{"asinh", Asinh, AsinhF32, fnRefAsinh, all, fnUniform(-2, 2)},
		fnSpec{"acosh", Acosh, AcoshF32, fnRefAcosh, func(x float64) bool { return x >= 1 }, fnUniform(1, 3)},
		fnSpec{"atanh", Atanh, AtanhF32, fnRefAtanh, fnAbsBelow(1), fnUniform(-1, 1)},
		fnSpec{"tan", Tan, TanF32, fnRefTan, all, fnUniform(-8, 8)},
		fnSpec{"atan", Atan, AtanF32, fnRefAtan64, all, fnUniform(-3, 3)},
		fnSpec{"asin", Asin, AsinF32, fnRefAsin, func(x float64) bool { return math.Abs(x) <= 1 }, fnUniform(-1, 1)},
		fnSpec{"acos", Acos, AcosF32, fnRefAcos, func(x float64) bool { return math.Abs(x) <= 1 }, fnUniform(-1, 1)},
	)
}

// fnInputs64 draws n points: half random bit patterns in the domain (the
// whole range, subnormals included), a quarter log-uniform magnitudes
// from 2^-40 to 2^12 with random signs, a quarter from focus.
func fnInputs64(s fnSpec, n int, seed uint64) []float64 {
	rng := rand.New(rand.NewPCG(seed, 77))
	x := make([]float64, 0, n)
	for len(x) < n {
		var v float64
		switch len(x) % 4 {
		case 0, 1:
			v = math.Float64frombits(rng.Uint64())
		case 2:
			v = math.Ldexp(1+rng.Float64(), rng.IntN(52)-40) * float64(1-2*rng.IntN(2))
		default:
			v = s.focus(rng)
		}
		if !math.IsNaN(v) && !math.IsInf(v, 0) && s.in(v) {
			x = append(x, v)
		}
	}
	return x
}

func fnInputs32(s fnSpec, n int, seed uint64) []float32 {
	rng := rand.New(rand.NewPCG(seed, 78))
	x := make([]float32, 0, n)
	for len(x) < n {
		var v float32
		switch len(x) % 4 {
		case 0, 1:
			v = math.Float32frombits(rng.Uint32())
		case 2:
			v = float32(math.Ldexp(1+rng.Float64(), rng.IntN(36)-24) * float64(1-2*rng.IntN(2)))
		default:
			v = float32(s.focus(rng))
		}
		if f := float64(v); !math.IsNaN(f) && !math.IsInf(f, 0) && s.in(f) {
			x = append(x, v)
		}
	}
	return x
}

// fnScore scores got against ref on every CPU.
func fnScore(t *testing.T, n int, in func(i int) float64, got func(i int) float64, ref func(i int) *big.Float, mant, minExp int) expStats {
	workers := runtime.GOMAXPROCS(0)
	parts := make([]expStats, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				parts[w].add(t, in(i), got(i), ref(i), mant, minExp)
			}
		}()
	}
	wg.Wait()
	var s expStats
	for _, p := range parts {
		s.n += p.n
		s.exact += p.exact
		if p.maxUlp > s.maxUlp || s.n == p.n {
			s.maxUlp, s.worst = p.maxUlp, p.worst
		}
	}
	return s
}

// TestFuncsAccuracy scores every function of fnSpecs in float64 and
// float32: at most 1 ulp.
func TestFuncsAccuracy(t *testing.T) {
	n := expPoints(2000)
	for k, s := range fnSpecs {
		t.Run(s.name, func(t *testing.T) {
			x := fnInputs64(s, n, uint64(2*k+1))
			got := make([]float64, n)
			s.f64(got, x)
			st := fnScore(t, n, func(i int) float64 { return x[i] },
				func(i int) float64 { return got[i] }, func(i int) *big.Float { return s.ref(x[i]) }, 53, -1074)
			st.check(t, s.name+" f64")
			x32 := fnInputs32(s, n, uint64(2*k+2))
			got32 := make([]float32, n)
			s.f32(got32, x32)
			st = fnScore(t, n, func(i int) float64 { return float64(x32[i]) },
				func(i int) float64 { return float64(got32[i]) }, func(i int) *big.Float { return s.ref(float64(x32[i])) }, 24, -149)
			st.check(t, s.name+" f32")
		})
	}
}

// fnNaN64 and fnNaN32 build NaNs from their bits.
func fnNaN64(b uint64) float64 { return math.Float64frombits(b) }
func fnNaN32(b uint32) float32 { return math.Float32frombits(b) }

// fnCase is a special value and NumPy's result bits (numpy 2.4, glibc).
type fnCase struct {
	x    float64
	want uint64
}

type fnCase32 struct {
	x    float32
	want uint32
}

// fnCheckCases runs f on each case at every position of a 9-element
// vector and compares bits.
func fnCheckCases(t *testing.T, name string, f func(dst, x []float64), cases []fnCase) {
	t.Helper()
	for _, c := range cases {
		for pos := range 9 {
			xs := make([]float64, 9)
			for i := range xs {
				xs[i] = 0.25
			}
			xs[pos] = c.x
			got := make([]float64, 9)
			f(got, xs)
			if math.Float64bits(got[pos]) != c.want {
				t.Errorf("%s(%v %#x) = %#x, want %#x", name, c.x, math.Float64bits(c.x), math.Float64bits(got[pos]), c.want)
				break
			}
		}
	}
}

func fnCheckCases32(t *testing.T, name string, f func(dst, x []float32), cases []fnCase32) {
	t.Helper()
	for _, c := range cases {
		xs := []float32{0.25, c.x, 0.25}
		got := make([]float32, 3)
		f(got, xs)
		if math.Float32bits(got[1]) != c.want {
			t.Errorf("%s(%v %#x) = %#x, want %#x", name, c.x, math.Float32bits(c.x), math.Float32bits(got[1]), c.want)
		}
	}
}

// The NaN arguments of every special-value table: NumPy returns the
// float64 ones quieted (expm1 unchanged, arccos with the sign flipped,
// tanh the default NaN) and the float32 ones quieted.
var (
	fnNaNs64 = []uint64{0x7ff8000000000000, 0xfff8000000001234, 0x7ff0000000000001}
	fnNaNs32 = []uint32{0x7fc01234, 0xffc01234, 0x7f800001, 0xff800001}
)

func fnNaNCases(quiet func(uint64) uint64) []fnCase {
	var c []fnCase
	for _, b := range fnNaNs64 {
		c = append(c, fnCase{fnNaN64(b), quiet(b)})
	}
	return c
}

func fnNaNCases32(quiet func(uint32) uint32) []fnCase32 {
	var c []fnCase32
	for _, b := range fnNaNs32 {
		c = append(c, fnCase32{fnNaN32(b), quiet(b)})
	}
	return c
}

func fnQ64(b uint64) uint64 { return b | scQuiet64 }
func fnQ32(b uint32) uint32 { return b | 1<<22 }

const (
	fnNegZero = 0x8000000000000000
	fnPInf    = 0x7ff0000000000000
	fnNInf    = 0xfff0000000000000
	fnDNaN    = 0xfff8000000000000
	fnPInf32  = 0x7f800000
	fnNInf32  = 0xff800000
	fnDNaN32  = 0xffc00000
)

var (
	fnInf  = math.Inf(1)
	fnNZ   = math.Copysign(0, -1)
	fnInf3 = float32(math.Inf(1))
	fnNZ3  = float32(math.Copysign(0, -1))
)

// fnSpecial64 and fnSpecial32 hold NumPy's results on the special values
// (the NaN cases are added in TestFuncsSpecial).
var (
	fnSpecial64 = map[string][]fnCase{
		"expm1": {{0, 0}, {fnNZ, fnNegZero}, {fnInf, fnPInf}, {-fnInf, 0xbff0000000000000}, {5e-324, 1}, {-5e-324, 0x8000000000000001},
			{1e308, fnPInf}, {-1e308, 0xbff0000000000000}, {710, fnPInf}, {-745, 0xbff0000000000000}, {1, 0x3ffb7e151628aed3}, {-1, 0xbfe43a54e4e98864}},
		"log1p": {{0, 0}, {fnNZ, fnNegZero}, {fnInf, fnPInf}, {-fnInf, fnDNaN}, {-1, fnNInf}, {-2, fnDNaN}, {5e-324, 1}, {-5e-324, 0x8000000000000001},
			{1e308, 0x40862991d5d62a5e}, {-1e308, fnDNaN}, {1, 0x3fe62e42fefa39ef}},
		"log10": {{0, fnNInf}, {fnNZ, fnNInf}, {fnInf, fnPInf}, {-fnInf, fnDNaN}, {1, 0}, {-1, fnDNaN}, {5e-324, 0xc07434e6420f4374}, {-5e-324, fnDNaN},
			{1e308, 0x4073400000000000}, {1000, 0x4008000000000000}, {2, 0x3fd34413509f79ff}},
		"tan": {{0, 0}, {fnNZ, fnNegZero}, {fnInf, fnDNaN}, {-fnInf, fnDNaN}, {1, 0x3ff8eb245cbee3a6}, {-2, 0x40017af62e0950f8}, {5e-324, 1},
			{-5e-324, 0x8000000000000001}, {1e308, 0xbfe047282056e683}, {-1e308, 0x3fe047282056e683}, {710, 0x3f0f9bd03136287d}, {-745, 0xbfde54309fd3fbcd}},
		"atan": {{0, 0}, {fnNZ, fnNegZero}, {fnInf, 0x3ff921fb54442d18}, {-fnInf, 0xbff921fb54442d18}, {1, 0x3fe921fb54442d18}, {-1, 0xbfe921fb54442d18},
			{5e-324, 1}, {-5e-324, 0x8000000000000001}, {1e308, 0x3ff921fb54442d18}, {-1e308, 0xbff921fb54442d18}, {1000, 0x3ff91de2c0e658bd}, {2, 0x3ff1b6e192ebbe44}},
		"asin": {{0, 0}, {fnNZ, fnNegZero}, {fnInf, fnDNaN}, {-fnInf, fnDNaN}, {1, 0x3ff921fb54442d18}, {-1, 0xbff921fb54442d18}, {2, fnDNaN},
			{-2, fnDNaN}, {5e-324, 1}, {-5e-324, 0x8000000000000001}, {0.5, 0x3fe0c152382d7366}},
		"acos": {{0, 0x3ff921fb54442d18}, {fnNZ, 0x3ff921fb54442d18}, {fnInf, fnDNaN}, {-fnInf, fnDNaN}, {1, 0}, {-1, 0x400921fb54442d18},
			{2, fnDNaN}, {-2, fnDNaN}, {5e-324, 0x3ff921fb54442d18}, {-5e-324, 0x3ff921fb54442d18}, {0.25, 0x3ff51700e0c14b25}},
		"sinh": {{0, 0}, {fnNZ, fnNegZero}, {fnInf, fnPInf}, {-fnInf, fnNInf}, {5e-324, 1}, {-5e-324, 0x8000000000000001}, {1e308, fnPInf}, {-1e308, fnNInf},
			{710, 0x7fe3e21a464507f9}, {711, fnPInf}, {-745, fnNInf}, {1, 0x3ff2cd9fc44eb982}, {-2, 0xc00d03cf63b6e19f}},
		"cosh": {{0, 0x3ff0000000000000}, {fnNZ, 0x3ff0000000000000}, {fnInf, fnPInf}, {-fnInf, fnPInf}, {5e-324, 0x3ff0000000000000}, {1e308, fnPInf},
			{-1e308, fnPInf}, {710, 0x7fe3e21a464507f9}, {711, fnPInf}, {-745, fnPInf}, {1, 0x3ff8b07551d9f550}},
		"tanh": {{0, 0}, {fnNZ, fnNegZero}, {fnInf, 0x3ff0000000000000}, {-fnInf, 0xbff0000000000000}, {5e-324, 1}, {-5e-324, 0x8000000000000001},
			{1e308, 0x3ff0000000000000}, {-1000, 0xbff0000000000000}, {1, 0x3fe85efab514f394}, {-2, 0xbfeed9505e1bc3d4}},
		"asinh": {{0, 0}, {fnNZ, fnNegZero}, {fnInf, fnPInf}, {-fnInf, fnNInf}, {5e-324, 1}, {-5e-324, 0x8000000000000001}, {1e308, 0x40862f1d6695e8ec},
			{-1e308, 0xc0862f1d6695e8ec}, {1, 0x3fec34366179d427}, {-745, 0xc01d39e37c30e52d}},
		"acosh": {{0, fnDNaN}, {fnNZ, fnDNaN}, {fnInf, fnPInf}, {-fnInf, fnDNaN}, {1, 0}, {-1, fnDNaN}, {0.5, fnDNaN}, {5e-324, fnDNaN},
			{1e308, 0x40862f1d6695e8ec}, {2, 0x3ff5124271980435}, {1000, 0x401e6752e8a84ed4}},
		"atanh": {{0, 0}, {fnNZ, fnNegZero}, {fnInf, fnDNaN}, {-fnInf, fnDNaN}, {1, fnPInf}, {-1, fnNInf}, {2, fnDNaN}, {-2, fnDNaN}, {5e-324, 1},
			{-5e-324, 0x8000000000000001}, {0.5, 0x3fe193ea7aad030b}},
	}
	fnSpecial32 = map[string][]fnCase32{
		"tan":   {{0, 0}, {fnNZ3, 0x80000000}, {fnInf3, fnDNaN32}, {-fnInf3, fnDNaN32}, {1, 0x3fc75923}, {-2, 0x400bd7b1} /* NumPy: 0x400bd7b2, 1 ulp off */, {1000, 0x3fbc3395}, {1e-45, 1}},
		"atan":  {{0, 0}, {fnNZ3, 0x80000000}, {fnInf3, 0x3fc90fdb}, {-fnInf3, 0xbfc90fdb}, {1, 0x3f490fdb}, {-2, 0xbf8db70d}, {1e-45, 1}},
		"asin":  {{0, 0}, {fnNZ3, 0x80000000}, {fnInf3, fnDNaN32}, {-fnInf3, fnDNaN32}, {1, 0x3fc90fdb}, {-1, 0xbfc90fdb}, {2, fnDNaN32}, {1e-45, 1}},
		"acos":  {{0, 0x3fc90fdb}, {fnNZ3, 0x3fc90fdb}, {fnInf3, fnDNaN32}, {-fnInf3, fnDNaN32}, {1, 0}, {-1, 0x40490fdb}, {2, fnDNaN32}, {0.5, 0x3f860a92}},
		"expm1": {{0, 0}, {fnNZ3, 0x80000000}, {fnInf3, fnPInf32}, {-fnInf3, 0xbf800000}, {1000, fnPInf32}, {-1000, 0xbf800000}, {1e-45, 1}},
		"log1p": {{0, 0}, {fnNZ3, 0x80000000}, {fnInf3, fnPInf32}, {-fnInf3, fnDNaN32}, {-1, fnNInf32}, {-2, fnDNaN32}, {1e-45, 1}},
		"log10": {{0, fnNInf32}, {fnNZ3, fnNInf32}, {fnInf3, fnPInf32}, {-fnInf3, fnDNaN32}, {1, 0}, {-1, fnDNaN32}, {2, 0x3e9a209b}},
		"sinh":  {{0, 0}, {fnNZ3, 0x80000000}, {fnInf3, fnPInf32}, {-fnInf3, fnNInf32}, {1000, fnPInf32}, {-1000, fnNInf32}, {1, 0x3f966cfe}, {1e-45, 1}},
		"cosh":  {{0, 0x3f800000}, {fnNZ3, 0x3f800000}, {fnInf3, fnPInf32}, {-fnInf3, fnPInf32}, {1000, fnPInf32}, {-1000, fnPInf32}, {1, 0x3fc583ab}},
		"tanh":  {{0, 0}, {fnNZ3, 0x80000000}, {fnInf3, 0x3f800000}, {-fnInf3, 0xbf800000}, {1000, 0x3f800000}, {-1000, 0xbf800000}, {1, 0x3f42f7d6}, {1e-45, 1}},
		"asinh": {{0, 0}, {fnNZ3, 0x80000000}, {fnInf3, fnPInf32}, {-fnInf3, fnNInf32}, {1, 0x3f61a1b3}, {-2, 0xbfb8c90c}, {1e-45, 1}},
		"acosh": {{0, fnDNaN32}, {fnNZ3, fnDNaN32}, {fnInf3, fnPInf32}, {-fnInf3, fnDNaN32}, {1, 0}, {0.5, fnDNaN32}, {-1, fnDNaN32}, {2, 0x3fa89214}},
		"atanh": {{0, 0}, {fnNZ3, 0x80000000}, {fnInf3, fnDNaN32}, {-fnInf3, fnDNaN32}, {1, fnPInf32}, {-1, fnNInf32}, {2, fnDNaN32}, {0.5, 0x3f0c9f54}, {1e-45, 1}},
	}
	// fnNaN64Rule is NumPy's float64 result for a NaN argument.
	fnNaN64Rule = map[string]func(uint64) uint64{
		"expm1": func(b uint64) uint64 { return b },
		"acos":  func(b uint64) uint64 { return fnQ64(b) ^ 1<<63 },
		"tanh":  func(uint64) uint64 { return 0x7ff8000000000000 },
	}
	fnNaN32Rule = map[string]func(uint32) uint32{
		"tanh": func(uint32) uint32 { return 0x7fc00000 },
	}
)

func TestFuncsSpecial(t *testing.T) {
	for _, s := range fnSpecs {
		q64, q32 := fnNaN64Rule[s.name], fnNaN32Rule[s.name]
		if q64 == nil {
			q64 = fnQ64
		}
		if q32 == nil {
			q32 = fnQ32
		}
		fnCheckCases(t, s.name, s.f64, append(fnSpecial64[s.name], fnNaNCases(q64)...))
		fnCheckCases32(t, s.name+"F32", s.f32, append(fnSpecial32[s.name], fnNaNCases32(q32)...))
		if len(fnSpecial64[s.name]) == 0 || len(fnSpecial32[s.name]) == 0 {
			t.Errorf("%s: no special-value table", s.name)
		}
	}
}

// TestFuncsEdges scores each function on runs of consecutive floats
// around its delicate points (domain edges, overflow, the switches
// between the code's paths).
func TestFuncsEdges(t *testing.T) {
	edges := map[string][]float64{
		"expm1": {709.782712893384, -38, -40, 40, 1.0 / 16, -1.0 / 16, 0x1p-54, -0x1p-54, 0x1p-27, 0x1p-1022, 0.5, -0.5},
		"log1p": {-1, -0.5, 0x1p-8, -0x1p-8, 0x1p-54, -0x1p-54, 1, math.MaxFloat64, 0x1p-1022, 0x1p53},
		"log10": {1, 10, 100, 1e22, 1e-300, 5e-324, 0x1p-1022, math.MaxFloat64, 0.1},
		"sinh":  {hypOver, -hypOver, hypBig, 0.25, -0.25, 0x1p-28, 1e-310, 709.78},
		"cosh":  {hypOver, -hypOver, hypBig, 0.25, 0x1p-28, 1e-310, 709.78},
		"tanh":  {hypBig, -hypBig, 1.0 / 32, 0x1p-28, 1e-310, 19, 0.5},
		"asinh": {0x1p28, -0x1p28, 0.5, -0.5, 0x1p-28, 1e-310, 1e300, math.MaxFloat64},
		"acosh": {1, 2, 0x1p28, 1e300, math.MaxFloat64},
		"atanh": {1, -1, 0.5, -0.5, 0x1p-8, 0x1p-28, 1e-310},
		"tan":   {math.Pi / 2, -math.Pi / 2, math.Pi / 4, 3 * math.Pi / 2, 0x1p-27, scHuge64, 1e22, 6381956970095103 * 0x1p797, 1e-310, math.MaxFloat64},
		"atan":  {1, -1, 1.0 / 16, 3.0 / 16, 15.0 / 16, 0x1p-27, 0x1p60, 1e-310, 1e300},
		"asin":  {1, -1, 0.5, -0.5, 0x1p-27, math.Sqrt2 / 2, 1e-310},
		"acos":  {1, -1, 0.5, -0.5, 0, math.Sqrt2 / 2, 1e-310},
	}
	for _, s := range fnSpecs {
		var x []float64
		for _, c := range edges[s.name] {
			v, w := c, c
			for range 50 {
				x = append(x, v, w)
				v, w = math.Nextafter(v, fnInf), math.Nextafter(w, -fnInf)
			}
		}
		var keep []float64
		for _, v := range x {
			if !math.IsInf(v, 0) && s.in(v) {
				keep = append(keep, v)
			}
		}
		if len(keep) == 0 {
			t.Errorf("%s: no edge points", s.name)
			continue
		}
		got := make([]float64, len(keep))
		s.f64(got, keep)
		st := fnScore(t, len(keep), func(i int) float64 { return keep[i] }, func(i int) float64 { return got[i] },
			func(i int) *big.Float { return s.ref(keep[i]) }, 53, -1074)
		st.check(t, s.name+" edges")
	}
}

func TestFuncsLengthPanics(t *testing.T) {
	for _, s := range fnSpecs {
		for _, f := range []func(){
			func() { s.f64(make([]float64, 2), make([]float64, 3)) },
			func() { s.f32(make([]float32, 3), make([]float32, 2)) },
		} {
			func() {
				defer func() {
					if r := recover(); r != expErrLength {
						t.Errorf("%s: recovered %v, want %q", s.name, r, expErrLength)
					}
				}()
				f()
			}()
		}
	}
}

// TestAtan2 checks Atan2 and Atan2F32 against the reference on random
// pairs (random bit patterns, log-uniform magnitudes of both signs, and
// nearly equal magnitudes) and against NumPy's special values.
func TestAtan2Accuracy(t *testing.T) {
	n := expPoints(2000)
	rng := rand.New(rand.NewPCG(41, 42))
	y, x := make([]float64, 0, n), make([]float64, 0, n)
	for len(y) < n {
		var a, b float64
		switch len(y) % 4 {
		case 3: // quotients near the switch to the rounded quotient
			b = math.Ldexp(1+rng.Float64(), rng.IntN(80)-40) * float64(1-2*rng.IntN(2))
			a = b * math.Ldexp(1+rng.Float64(), -rng.IntN(8)-25) * float64(1-2*rng.IntN(2))
		case 0:
			a, b = math.Float64frombits(rng.Uint64()), math.Float64frombits(rng.Uint64())
		case 1:
			a = math.Ldexp(1+rng.Float64(), rng.IntN(80)-40) * float64(1-2*rng.IntN(2))
			b = math.Ldexp(1+rng.Float64(), rng.IntN(80)-40) * float64(1-2*rng.IntN(2))
		default:
			a, b = rng.Float64()*4-2, rng.Float64()*4-2
		}
		if math.IsNaN(a) || math.IsNaN(b) || math.IsInf(a, 0) || math.IsInf(b, 0) || a == 0 || b == 0 {
			continue
		}
		y, x = append(y, a), append(x, b)
	}
	got := make([]float64, n)
	Atan2(got, y, x)
	st := fnScore(t, n, func(i int) float64 { return y[i] }, func(i int) float64 { return got[i] },
		func(i int) *big.Float { return fnRefAtan2(y[i], x[i]) }, 53, -1074)
	st.check(t, "atan2 f64")
	y32, x32 := make([]float32, n), make([]float32, n)
	for i := range y {
		y32[i], x32[i] = float32(y[i]), float32(x[i])
		if y32[i] == 0 || x32[i] == 0 || math.IsInf(float64(y32[i]), 0) || math.IsInf(float64(x32[i]), 0) {
			y32[i], x32[i] = float32(rng.Float64()+0.1), float32(-rng.Float64()-0.1)
		}
	}
	got32 := make([]float32, n)
	Atan2F32(got32, y32, x32)
	st = fnScore(t, n, func(i int) float64 { return float64(y32[i]) }, func(i int) float64 { return float64(got32[i]) },
		func(i int) *big.Float { return fnRefAtan2(float64(y32[i]), float64(x32[i])) }, 24, -149)
	st.check(t, "atan2 f32")
}

func TestAtan2Special(t *testing.T) {
	const (
		pi   = 0x400921fb54442d18
		pio2 = 0x3ff921fb54442d18
		pio4 = 0x3fe921fb54442d18
		tpo4 = 0x4002d97c7f3321d2
		neg  = 1 << 63
	)
	inf := math.Inf(1)
	cases := []struct {
		y, x float64
		want uint64
	}{
		{0, 0, 0}, {0, fnNZ, pi}, {0, 1, 0}, {0, -1, pi}, {0, inf, 0}, {0, -inf, pi},
		{fnNZ, 0, neg}, {fnNZ, fnNZ, pi | neg}, {fnNZ, 1, neg}, {fnNZ, -1, pi | neg}, {fnNZ, inf, neg}, {fnNZ, -inf, pi | neg},
		{1, 0, pio2}, {1, fnNZ, pio2}, {1, 1, pio4}, {1, -1, tpo4}, {1, inf, 0}, {1, -inf, pi},
		{-1, 0, pio2 | neg}, {-1, fnNZ, pio2 | neg}, {-1, 1, pio4 | neg}, {-1, -1, tpo4 | neg}, {-1, inf, neg}, {-1, -inf, pi | neg},
		{inf, 0, pio2}, {inf, fnNZ, pio2}, {inf, 1, pio2}, {inf, -1, pio2}, {inf, inf, pio4}, {inf, -inf, tpo4},
		{-inf, 0, pio2 | neg}, {-inf, -1, pio2 | neg}, {-inf, inf, pio4 | neg}, {-inf, -inf, tpo4 | neg},
		{5e-324, 1e308, 0}, {1e308, 5e-324, pio2}, {5e-324, 5e-324, pio4}, {-1e-300, -1e300, pi | neg},
		{fnNaN64(0x7ff0000000000001), 1, 0x7ff8000000000001}, {1, fnNaN64(0x7ff0000000000001), 0x7ff8000000000001},
		{fnNaN64(0x7ff0000000000001), fnNaN64(0xfff8000000000abc), 0x7ff8000000000001},
		{fnNaN64(0xfff8000000000abc), fnNaN64(0x7ff0000000000001), 0xfff8000000000abc},
		{0, fnNaN64(0xfff8000000001234), 0xfff8000000001234}, {fnNaN64(0xfff8000000001234), -inf, 0xfff8000000001234},
	}
	for _, c := range cases {
		got := make([]float64, 3)
		Atan2(got, []float64{1, c.y, 1}, []float64{1, c.x, 1})
		if math.Float64bits(got[1]) != c.want {
			t.Errorf("Atan2(%v, %v) = %#x, want %#x", c.y, c.x, math.Float64bits(got[1]), c.want)
		}
		if math.IsNaN(c.y) || math.IsNaN(c.x) || float64(float32(c.y)) != c.y || float64(float32(c.x)) != c.x {
			continue
		}
		got32 := make([]float32, 1)
		Atan2F32(got32, []float32{float32(c.y)}, []float32{float32(c.x)})
		if want := float32(math.Float64frombits(c.want)); math.Float32bits(got32[0]) != math.Float32bits(want) {
			t.Errorf("Atan2F32(%v, %v) = %#x, want %#x", c.y, c.x, math.Float32bits(got32[0]), math.Float32bits(want))
		}
	}
	// float32 NaNs: a NaN x wins over a NaN y (NumPy's float32 loop).
	nan := func(b uint32) float32 { return math.Float32frombits(b) }
	for _, c := range []struct{ y, x, want uint32 }{
		{0x7fc01234, 0xff800001, 0xffc00001}, {0xffc01234, 0x3f800000, 0xffc01234}, {0x3f800000, 0x7f800001, 0x7fc00001},
	} {
		got := make([]float32, 1)
		Atan2F32(got, []float32{nan(c.y)}, []float32{nan(c.x)})
		if math.Float32bits(got[0]) != c.want {
			t.Errorf("Atan2F32(%#x, %#x) = %#x, want %#x", c.y, c.x, math.Float32bits(got[0]), c.want)
		}
	}
	for _, f := range []func(){
		func() { Atan2(make([]float64, 2), make([]float64, 2), make([]float64, 3)) },
		func() { Atan2F32(make([]float32, 2), make([]float32, 3), make([]float32, 2)) },
	} {
		func() {
			defer func() {
				if r := recover(); r != expErrLength {
					t.Errorf("recovered %v, want %q", r, expErrLength)
				}
			}()
			f()
		}()
	}
}

// TestFuncsInPlace checks that dst may be x: the same bits as into a
// separate slice, x unchanged in the latter case.
func TestFuncsInPlace(t *testing.T) {
	for k, s := range fnSpecs {
		x := fnInputs64(s, 37, uint64(100+k))
		keep := append([]float64(nil), x...)
		got := make([]float64, len(x))
		s.f64(got, x)
		for i := range x {
			if math.Float64bits(x[i]) != math.Float64bits(keep[i]) {
				t.Fatalf("%s: x changed", s.name)
			}
		}
		s.f64(x, x)
		for i := range x {
			if math.Float64bits(x[i]) != math.Float64bits(got[i]) {
				t.Fatalf("%s in place: %v, want %v", s.name, x[i], got[i])
			}
		}
		x32 := fnInputs32(s, 37, uint64(200+k))
		got32 := make([]float32, len(x32))
		s.f32(got32, x32)
		s.f32(x32, x32)
		for i := range x32 {
			if math.Float32bits(x32[i]) != math.Float32bits(got32[i]) {
				t.Fatalf("%s F32 in place: %v, want %v", s.name, x32[i], got32[i])
			}
		}
	}
}

// TestFuncsTables checks funcs_tables.go (go generate) against this
// file's independent reference: every Hi + Lo within 2^-104 of itself.
func TestFuncsTables(t *testing.T) {
	check := func(name string, hi, lo float64, want *big.Float) {
		t.Helper()
		d := fnNew().Sub(want, fnF(hi))
		d.Sub(d, fnF(lo))
		if d.Sign() != 0 && d.MantExp(nil)-want.MantExp(nil) > -104 {
			t.Errorf("%s = %x + %x, off by %v", name, hi, lo, d)
		}
	}
	pi := fnRefPi()
	check("π", fnPiHi, fnPiLo, pi)
	check("π/2", fnPio2Hi, fnPio2Lo, fnNew().SetMantExp(pi, -1))
	check("ln 2", fnLn2Hi, fnLn2Lo, fnRefLn2())
	check("1/ln 10", fnInvLn10Hi, fnInvLn10Lo, fnNew().Quo(fnF(1), fnRefLn10()))
	for j := 1; j <= 8; j++ {
		a := fnRefAtan(fnF(float64(j) / 8))
		check("atan(j/8)", fnAtanTab[2*j], fnAtanTab[2*j+1], a)
		check("π/2 - atan(j/8)", fnAtanCoTab[2*j], fnAtanCoTab[2*j+1], fnNew().Sub(fnNew().SetMantExp(pi, -1), a))
	}
	check("π/2 - atan(0)", fnAtanCoTab[0], fnAtanCoTab[1], fnNew().SetMantExp(pi, -1))
	if fnAtanTab[0] != 0 || fnAtanTab[1] != 0 {
		t.Errorf("atan(0) = %v + %v", fnAtanTab[0], fnAtanTab[1])
	}
}

// TestFuncsGuardBands writes through a window of a NaN-filled buffer:
// nothing outside dst may change.
func TestFuncsGuardBands(t *testing.T) {
	const guard = 5
	for k, s := range fnSpecs {
		for _, n := range []int{0, 1, 7, 33} {
			x := fnInputs64(s, n, uint64(300+k))
			buf := make([]float64, n+2*guard)
			for i := range buf {
				buf[i] = math.NaN()
			}
			s.f64(buf[guard:guard+n], x)
			x32 := fnInputs32(s, n, uint64(400+k))
			buf32 := make([]float32, n+2*guard)
			for i := range buf32 {
				buf32[i] = float32(math.NaN())
			}
			s.f32(buf32[guard:guard+n], x32)
			for i := range guard {
				if !math.IsNaN(buf[i]) || !math.IsNaN(buf[guard+n+i]) || !math.IsNaN(float64(buf32[i])) || !math.IsNaN(float64(buf32[guard+n+i])) {
					t.Fatalf("%s n=%d: write outside dst", s.name, n)
				}
			}
		}
	}
}

// TestFuncsBlocks checks the float32 loops, which convert 64 elements at
// a time, on long vectors with NaNs: every element as if alone.
func TestFuncsBlocks(t *testing.T) {
	for k, s := range fnSpecs {
		x := fnInputs32(s, 150, uint64(500+k))
		x[3], x[70], x[149] = fnNaN32(0xffc01234), fnNaN32(0x7f800001), fnNaN32(0x7fc00000)
		got := make([]float32, len(x))
		s.f32(got, x)
		one := make([]float32, 1)
		for i, v := range x {
			s.f32(one, []float32{v})
			if math.Float32bits(one[0]) != math.Float32bits(got[i]) {
				t.Fatalf("%s F32 at %d of %d: %#x, alone %#x", s.name, i, len(x), math.Float32bits(got[i]), math.Float32bits(one[0]))
			}
		}
	}
	y := fnInputs32(fnSpecs[0], 150, 600)
	x := fnInputs32(fnSpecs[0], 150, 601)
	y[5], x[66], y[130], x[130] = fnNaN32(0xffc01234), fnNaN32(0x7f800001), fnNaN32(0x7fc00001), fnNaN32(0xff800002)
	got := make([]float32, len(x))
	Atan2F32(got, y, x)
	one := make([]float32, 1)
	for i := range x {
		Atan2F32(one, y[i:i+1], x[i:i+1])
		if math.Float32bits(one[0]) != math.Float32bits(got[i]) {
			t.Fatalf("Atan2F32 at %d: %#x, alone %#x", i, math.Float32bits(got[i]), math.Float32bits(one[0]))
		}
	}
}
