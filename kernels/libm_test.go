package kernels

import (
	"math"
	"math/big"
	"math/rand/v2"
	"sync"
	"testing"
)

// The references here are math/big computations at libmRefPrec bits, far
// more than float64's 53, so they stand for the exact values; errors are
// measured in units of the last place of the exact value (see ulpError).

const (
	libmRefPrec = 320  // bits for series and results
	libmPiPrec  = 1800 // bits of π: x up to 2^1024 reduced keeps ~770 bits
)

// libmMaxUlp is the largest error the tests accept. fdlibm's sin, cos and
// pow are below one ulp; glibc's (NumPy's) are below one ulp too, so two
// results that each pass are within two ulps of each other.
const libmMaxUlp = 1.0

var (
	libmConstOnce sync.Once
	libmPi        *big.Float // π to libmPiPrec bits
	libmLn2       *big.Float // ln 2 to libmRefPrec bits
)

func libmConsts() (pi, ln2 *big.Float) {
	libmConstOnce.Do(func() {
		// Machin: π = 16·atan(1/5) - 4·atan(1/239).
		a := bigAtanInv(5, libmPiPrec+64)
		b := bigAtanInv(239, libmPiPrec+64)
		a.Mul(a, big.NewFloat(16))
		b.Mul(b, big.NewFloat(4))
		libmPi = new(big.Float).SetPrec(libmPiPrec).Sub(a, b)
		// ln 2 = 2·atanh(1/3).
		third := new(big.Float).SetPrec(libmRefPrec+64).Quo(bigFloat(1, libmRefPrec+64), bigFloat(3, libmRefPrec+64))
		libmLn2 = bigAtanh(third, libmRefPrec+64)
		libmLn2.Mul(libmLn2, big.NewFloat(2))
	})
	return libmPi, libmLn2
}

func bigFloat(v float64, prec uint) *big.Float { return new(big.Float).SetPrec(prec).SetFloat64(v) }

// bigAtanInv is atan(1/n) = Σ (-1)^k / ((2k+1)·n^(2k+1)).
func bigAtanInv(n int64, prec uint) *big.Float {
	sum := new(big.Float).SetPrec(prec)
	pow := new(big.Float).SetPrec(prec).Quo(bigFloat(1, prec), bigFloat(float64(n), prec)) // 1/n^(2k+1)
	nn := bigFloat(float64(n*n), prec)
	term := new(big.Float).SetPrec(prec)
	for k := int64(0); ; k++ {
		term.Quo(pow, bigFloat(float64(2*k+1), prec))
		if k%2 == 0 {
			sum.Add(sum, term)
		} else {
			sum.Sub(sum, term)
		}
		if term.Sign() == 0 || term.MantExp(nil) < sum.MantExp(nil)-int(prec)-8 {
			return sum
		}
		pow.Quo(pow, nn)
	}
}

// bigAtanh is atanh(s) = Σ s^(2k+1)/(2k+1) for small |s|.
func bigAtanh(s *big.Float, prec uint) *big.Float {
	sum := new(big.Float).SetPrec(prec)
	if s.Sign() == 0 {
		return sum
	}
	s2 := new(big.Float).SetPrec(prec).Mul(s, s)
	pow := new(big.Float).SetPrec(prec).Set(s)
	term := new(big.Float).SetPrec(prec)
	for k := int64(0); ; k++ {
		term.Quo(pow, bigFloat(float64(2*k+1), prec))
		sum.Add(sum, term)
		if term.Sign() == 0 || term.MantExp(nil) < sum.MantExp(nil)-int(prec)-8 {
			return sum
		}
		pow.Mul(pow, s2)
	}
}

// refSinCos is sin(x) (or cos(x)) for finite x: x - k·π/2 in libmPiPrec
// bits, then the Taylor series of sin or cos of the remainder.
func refSinCos(x float64, cos bool) *big.Float {
	pi, _ := libmConsts()
	halfPi := new(big.Float).SetPrec(libmPiPrec).Quo(pi, big.NewFloat(2))
	X := bigFloat(x, libmPiPrec)
	q := new(big.Float).SetPrec(libmPiPrec).Quo(X, halfPi)
	k, _ := q.Add(q, big.NewFloat(0.5)).Int(nil)
	if q.Sign() < 0 && !q.IsInt() { // Int truncates toward zero; we want floor(q+1/2)
		k.Sub(k, big.NewInt(1))
	}
	kf := new(big.Float).SetPrec(libmPiPrec).SetInt(k)
	r := new(big.Float).SetPrec(libmPiPrec).Sub(X, kf.Mul(kf, halfPi))
	r.SetPrec(libmRefPrec + 64)
	quadrant := new(big.Int).And(k, big.NewInt(3)).Int64() // k mod 4, also for k < 0
	if cos {
		quadrant++
	}
	var v *big.Float
	if quadrant%2 == 0 {
		v = bigTaylor(r, 1) // sin r
	} else {
		v = bigTaylor(r, 0) // cos r
	}
	if quadrant%4 >= 2 {
		v.Neg(v)
	}
	return v
}

// bigTaylor is Σ (-1)^k r^(2k+first)/(2k+first)!: sin r for first = 1,
// cos r for first = 0.
func bigTaylor(r *big.Float, first int64) *big.Float {
	prec := r.Prec()
	r2 := new(big.Float).SetPrec(prec).Mul(r, r)
	term := bigFloat(1, prec)
	if first == 1 {
		term.Set(r)
	}
	sum := new(big.Float).SetPrec(prec).Set(term)
	if term.Sign() == 0 {
		return sum
	}
	for n := first; ; n += 2 {
		term.Mul(term, r2)
		term.Quo(term, bigFloat(float64((n+1)*(n+2)), prec))
		term.Neg(term)
		sum.Add(sum, term)
		if term.Sign() == 0 || term.MantExp(nil) < sum.MantExp(nil)-int(prec)-8 {
			return sum
		}
	}
}

// refLog is ln(x) for finite x > 0: x = m·2^e with m in [1/√2, √2), and
// ln m = 2·atanh((m-1)/(m+1)).
func refLog(x float64) *big.Float {
	_, ln2 := libmConsts()
	prec := uint(libmRefPrec + 64)
	m := bigFloat(x, prec)
	e := m.MantExp(m) // m in [1/2, 1)
	if m.Cmp(big.NewFloat(math.Sqrt2/2)) < 0 {
		m.SetMantExp(m, 1)
		e--
	}
	num := new(big.Float).SetPrec(prec).Sub(m, big.NewFloat(1))
	den := new(big.Float).SetPrec(prec).Add(m, big.NewFloat(1))
	v := bigAtanh(num.Quo(num, den), prec)
	v.Mul(v, big.NewFloat(2))
	return v.Add(v, new(big.Float).SetPrec(prec).Mul(ln2, bigFloat(float64(e), prec)))
}

// refExp is e^t: t = k·ln 2 + r with |r| <= ln2/2, then Taylor for e^r.
func refExp(t *big.Float) *big.Float {
	_, ln2 := libmConsts()
	prec := uint(libmRefPrec + 64)
	q := new(big.Float).SetPrec(prec).Quo(t, ln2)
	kf, _ := q.Float64()
	k := math.Round(kf)
	r := new(big.Float).SetPrec(prec).Mul(ln2, bigFloat(k, prec))
	r.Sub(t, r)
	term := bigFloat(1, prec)
	sum := bigFloat(1, prec)
	for n := 1; ; n++ {
		term.Mul(term, r)
		term.Quo(term, bigFloat(float64(n), prec))
		sum.Add(sum, term)
		if term.Sign() == 0 || term.MantExp(nil) < -int(prec)-8 {
			break
		}
	}
	return sum.SetMantExp(sum, int(k))
}

// refPow is x**y for finite x != 0 and finite y, y an integer if x < 0.
func refPow(x, y float64) *big.Float {
	t := refLog(math.Abs(x))
	t.Mul(t, bigFloat(y, libmRefPrec+64))
	v := refExp(t)
	if x < 0 && math.Mod(y, 2) != 0 {
		v.Neg(v)
	}
	return v
}

// ulpError is |got - exact| in units of the last place of exact: the
// spacing of float64s at exact's magnitude, 2^-1074 in the subnormal range.
// An infinite got counts as ±2^1024, the next float64 after MaxFloat64, so
// that rounding a value near overflow up to Inf costs what it should; when
// |exact| >= 2^1024, got must be that Inf.
func ulpError(got float64, exact *big.Float) float64 {
	if math.IsNaN(got) {
		return math.Inf(1)
	}
	limit := new(big.Float).SetMantExp(big.NewFloat(1), 1024)
	if new(big.Float).Abs(exact).Cmp(limit) >= 0 {
		if math.IsInf(got, exact.Sign()) {
			return 0
		}
		return math.Inf(1)
	}
	g := new(big.Float).SetPrec(libmRefPrec + 64)
	switch {
	case math.IsInf(got, 1):
		g.Set(limit)
	case math.IsInf(got, -1):
		g.Neg(limit)
	default:
		g.SetFloat64(got)
	}
	if exact.Sign() == 0 {
		if got == 0 {
			return 0
		}
		return math.Inf(1)
	}
	diff := g.Sub(g, exact)
	e := exact.MantExp(nil) - 53 // exact in [2^(E-1), 2^E): ulp = 2^(E-53)
	if e < -1074 {
		e = -1074
	}
	d, _ := diff.Abs(diff).SetMantExp(diff, -e).Float64()
	return d
}

// libmSameBits is got == want, bit for bit except that any NaN matches any
// NaN: the special cases must get signed zeros and infinities right.
func libmSameBits(got, want float64) bool {
	if math.IsNaN(got) || math.IsNaN(want) {
		return math.IsNaN(got) && math.IsNaN(want)
	}
	return math.Float64bits(got) == math.Float64bits(want)
}

// logUniform draws from [lo, hi) evenly in log scale, with a random sign
// when signed.
func logUniform(rng *rand.Rand, lo, hi float64, signed bool) float64 {
	v := math.Exp(math.Log(lo) + rng.Float64()*(math.Log(hi)-math.Log(lo)))
	if signed && rng.IntN(2) == 0 {
		v = -v
	}
	return v
}

func TestLibmFourOverPi(t *testing.T) {
	pi, _ := libmConsts()
	v := new(big.Float).SetPrec(libmPiPrec).Quo(big.NewFloat(4), pi)
	for i, want := range fourOverPi {
		w, _ := v.Uint64() // truncates: the integer part
		if w != want {
			t.Fatalf("fourOverPi[%d] = %#016x, want %#016x", i, want, w)
		}
		v.Sub(v, new(big.Float).SetUint64(w))
		v.SetMantExp(v, 64)
	}
}

// libmTrigArgs are the sin/cos test arguments: random ones over the whole
// range in bands of magnitude, the float64s nearest to multiples of π/2
// and their neighbours, and known hard cases.
func libmTrigArgs() []float64 {
	rng := rand.New(rand.NewPCG(7, 11))
	var xs []float64
	bands := [][2]float64{
		{1e-300, 1e-5}, {1e-5, 0.1}, {0.1, 10}, {10, 1e6}, {1e6, 1e22}, {1e22, 1e308},
		{remPio2Medium / 2, remPio2Medium * 2}, // around the switch to Payne-Hanek
	}
	for _, b := range bands {
		for range 300 {
			xs = append(xs, logUniform(rng, b[0], b[1], true))
		}
	}
	for range 300 {
		xs = append(xs, (rng.Float64()*2-1)*math.Pi) // the first turn, densely
	}
	// Near k·π/2: the nearest float64 and one ulp either side.
	pi, _ := libmConsts()
	near := func(k float64) {
		v := new(big.Float).SetPrec(libmPiPrec).Mul(pi, bigFloat(k/2, libmPiPrec))
		f, _ := v.Float64()
		xs = append(xs, f, math.Nextafter(f, 0), math.Nextafter(f, math.Inf(1)), -f)
	}
	for k := 1.0; k <= 64; k++ {
		near(k)
	}
	for range 150 {
		near(float64(rng.IntN(1_000_000) + 1))
	}
	for range 50 {
		near(math.Floor(logUniform(rng, 1e6, 1e15, false)))
	}
	hard := []float64{
		6381956970095103 * 0x1p797, // closest to a multiple of π/2 of all float64s
		1e22, 1e300, math.MaxFloat64, -math.MaxFloat64, 0x1p1023, 0x1p-1022, 0x1p-1074, 1e-310,
		math.Pi / 4, math.Nextafter(math.Pi/4, 1), 0x1p-26, 0x1p-27, 0x1.6a09ep-27,
		remPio2Medium, math.Nextafter(remPio2Medium, 0), math.Nextafter(remPio2Medium, math.Inf(1)),
	}
	return append(xs, hard...)
}

func TestLibmSinCos(t *testing.T) {
	for _, f := range []struct {
		name string
		fn   func(float64) float64
		cos  bool
	}{{"sin", sinAccurate, false}, {"cos", cosAccurate, true}} {
		worst, worstX := 0.0, 0.0
		for _, x := range libmTrigArgs() {
			got := f.fn(x)
			e := ulpError(got, refSinCos(x, f.cos))
			if e > worst {
				worst, worstX = e, x
			}
			if e > libmMaxUlp {
				want, _ := refSinCos(x, f.cos).Float64()
				t.Errorf("%s(%v) = %v, want %v (%.3g ulp)", f.name, x, got, want, e)
			}
		}
		t.Logf("%s: max error %.3f ulp at x = %v", f.name, worst, worstX)
	}
}

func TestLibmSinCosSpecial(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	negZero := math.Copysign(0, -1)
	for _, c := range []struct{ x, sin, cos float64 }{
		{0, 0, 1},
		{negZero, negZero, 1},
		{inf, nan, nan},
		{-inf, nan, nan},
		{nan, nan, nan},
		{0x1p-1074, 0x1p-1074, 1},
		{-0x1p-1074, -0x1p-1074, 1},
		{0x1p-1022, 0x1p-1022, 1},
		{1e-300, 1e-300, 1},
		{-1e-20, -1e-20, 1},
	} {
		if got := sinAccurate(c.x); !libmSameBits(got, c.sin) {
			t.Errorf("sin(%v) = %v, want %v", c.x, got, c.sin)
		}
		if got := cosAccurate(c.x); !libmSameBits(got, c.cos) {
			t.Errorf("cos(%v) = %v, want %v", c.x, got, c.cos)
		}
	}
}

// libmPowArgs are the pow test arguments whose result is finite and
// nonzero or an over/underflow: random, integer powers, negative bases,
// bases near 1 with huge exponents, results near overflow, near underflow
// and subnormal, and subnormal bases.
func libmPowArgs() [][2]float64 {
	rng := rand.New(rand.NewPCG(3, 5))
	var a [][2]float64
	add := func(x, y float64) { a = append(a, [2]float64{x, y}) }
	for range 1500 {
		add(rng.Float64()*1e3, rng.Float64()*600-300)
	}
	for range 500 {
		add(logUniform(rng, 1e-300, 1e300, false), rng.Float64()*4-2)
	}
	for range 400 {
		add(rng.Float64()*100, float64(rng.IntN(201)-100))
	}
	for range 300 {
		y := float64(rng.IntN(61) - 30)
		add(-logUniform(rng, 0.01, 100, false), y)
	}
	for range 400 { // x = 1 ± a few ulps to 2^-20, y up to where the result is still finite
		d := logUniform(rng, 0x1p-52, 0x1p-20, true)
		y := (rng.Float64()*1400 - 700) / d
		add(1+d, y)
	}
	for range 300 { // log2 of the result near 1024 (overflow) or in [-1080, -1015]
		x := logUniform(rng, 1.001, 1e3, false)
		target := 1023.5 + rng.Float64()*0.6
		if rng.IntN(2) == 0 {
			target = -1080 + rng.Float64()*65
		}
		y := target / math.Log2(x)
		if rng.IntN(2) == 0 {
			x, y = 1/x, -y
		}
		add(x, y)
	}
	for range 200 { // subnormal bases
		x := math.Float64frombits(rng.Uint64N(1<<52-1) + 1)
		add(x, rng.Float64()*1.9-0.95)
	}
	// Exact powers and known boundaries.
	for _, c := range [][2]float64{
		{2, 1023}, {2, 1024}, {2, -1022}, {2, -1074}, {2, -1075}, {2, -1074.5}, {2, -1073.5},
		{-2, 1023}, {-2, -1073}, {-2, -1074}, {-2, -1075}, {10, 308}, {10, 309}, {10, -323}, {10, -324},
		{3, 33}, {3, 34}, {5, 22}, {7, -7}, {0.5, -1024}, {0.5, 1074}, {0.5, 1075},
		{math.MaxFloat64, 1.0000000000000002}, {math.MaxFloat64, 0.9999999999999999},
		{1.0000000000000002, 1e17}, {0.9999999999999999, -1e17}, {1.0000000000000002, 0x1p62},
		{math.Nextafter(1, 0), 0x1p62}, {1.0000001, 0x1p40},
	} {
		add(c[0], c[1])
	}
	return a
}

func TestLibmPow(t *testing.T) {
	worst, worstX, worstY := 0.0, 0.0, 0.0
	for _, c := range libmPowArgs() {
		x, y := c[0], c[1]
		got := powAccurate(x, y)
		e := ulpError(got, refPow(x, y))
		if e > worst {
			worst, worstX, worstY = e, x, y
		}
		if e > libmMaxUlp {
			want, _ := refPow(x, y).Float64()
			t.Errorf("pow(%v, %v) = %v, want %v (%.3g ulp)", x, y, got, want, e)
		}
	}
	t.Logf("pow: max error %.3f ulp at x = %v, y = %v", worst, worstX, worstY)
}

func TestLibmPowSpecial(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	nz := math.Copysign(0, -1)
	cases := []struct{ x, y, want float64 }{
		// x**±0 = 1, even for NaN x.
		{0, 0, 1}, {nz, nz, 1}, {nan, 0, 1}, {nan, nz, 1}, {inf, 0, 1}, {-inf, nz, 1}, {-2, 0, 1}, {0x1p-1074, nz, 1},
		// 1**y = 1, even for NaN y.
		{1, nan, 1}, {1, inf, 1}, {1, -inf, 1}, {1, -0.5, 1}, {1, 1e300, 1},
		// Otherwise NaN in, NaN out.
		{nan, 1, nan}, {nan, -1, nan}, {nan, inf, nan}, {2, nan, nan}, {-1, nan, nan}, {0, nan, nan}, {inf, nan, nan},
		// y = ±Inf.
		{-1, inf, 1}, {-1, -inf, 1},
		{0.5, inf, 0}, {-0.5, inf, 0}, {0.5, -inf, inf}, {-0.5, -inf, inf},
		{2, inf, inf}, {-2, inf, inf}, {2, -inf, 0}, {-2, -inf, 0},
		{0, inf, 0}, {nz, inf, 0}, {0, -inf, inf}, {nz, -inf, inf},
		{inf, inf, inf}, {-inf, inf, inf}, {inf, -inf, 0}, {-inf, -inf, 0},
		{math.Nextafter(1, 0), inf, 0}, {math.Nextafter(1, 2), inf, inf}, {-math.Nextafter(1, 2), -inf, 0},
		// ±0**y.
		{0, 3, 0}, {nz, 3, nz}, {nz, 2, 0}, {nz, 0.5, 0}, {nz, 2.5, 0}, {0, 1e300, 0}, {nz, 1e300, 0}, {nz, 1, nz},
		{0, -3, inf}, {nz, -3, -inf}, {nz, -2, inf}, {nz, -0.5, inf}, {nz, -2.5, inf}, {nz, -1e300, inf}, {nz, -1, -inf},
		// ±Inf**y.
		{inf, 0.5, inf}, {inf, -0.5, 0}, {inf, 3, inf}, {inf, -3, 0},
		{-inf, 3, -inf}, {-inf, 2, inf}, {-inf, 2.5, inf}, {-inf, 0.5, inf}, {-inf, 1, -inf},
		{-inf, -3, nz}, {-inf, -2, 0}, {-inf, -2.5, 0}, {-inf, -1, nz},
		// Negative x: NaN for non-integer y, the sign of x for odd y.
		{-2, 0.5, nan}, {-2, -0.5, nan}, {-1, 0.5, nan}, {-1, 1.5, nan}, {-8, 1.0 / 3, nan}, {-0x1p-1074, 0.5, nan},
		{-2, 3, -8}, {-2, -3, -0.125}, {-2, 2, 4}, {-2, -2, 0.25}, {-1, 3, -1}, {-1, 4, 1}, {-1, 1e300, 1},
		{-1, 0x1p52 + 1, -1}, {-1, 0x1p53, 1}, {-3, 0x1p52 + 1, -inf}, {-0.5, 0x1p52 + 1, nz},
		{-2, 1025, -inf}, {-2, 1024, inf}, {-2, -1075, nz}, {-2, -1076, 0}, {-2, -1073, -0x1p-1073},
		{-2, 1e20, inf}, {-0.5, 1e20, 0}, {-2, -1e20, 0}, {-0.5, -1e20, inf},
		// Small and exact cases.
		{2, 0.5, math.Sqrt2}, {4, 0.5, 2}, {3, 1, 3}, {3, -1, 1.0 / 3}, {3, 2, 9}, {2, 10, 1024}, {2, -1074, 0x1p-1074},
		{2, -1075, 0}, {0.5, 1074, 0x1p-1074}, {10, 22, 1e22}, {0x1p-1074, 1, 0x1p-1074}, {-0x1p-1074, 1, -0x1p-1074},
		// Overflow and underflow far out.
		{2, 1e300, inf}, {2, -1e300, 0}, {0.5, 1e300, 0}, {0.5, -1e300, inf},
		{1e300, 2, inf}, {1e-300, 2, 0}, {-1e300, 3, -inf}, {-1e-300, 3, nz},
		{math.MaxFloat64, math.MaxFloat64, inf}, {0x1p-1074, math.MaxFloat64, 0}, {0x1p-1074, -math.MaxFloat64, inf},
		{1.0000000000000002, 0x1p65, inf}, {0.9999999999999999, 0x1p65, 0}, {1.0000000000000002, -0x1p65, 0},
	}
	for _, c := range cases {
		if got := powAccurate(c.x, c.y); !libmSameBits(got, c.want) {
			t.Errorf("pow(%v, %v) = %v, want %v", c.x, c.y, got, c.want)
		}
	}
}

var libmSink float64

func benchArgs(n int) []float64 {
	rng := rand.New(rand.NewPCG(1, 1))
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = (rng.Float64()*2 - 1) * 100
	}
	return xs
}

func benchUnaryFn(b *testing.B, fn func(float64) float64) {
	xs := benchArgs(1024)
	b.SetBytes(int64(8 * len(xs)))
	s := 0.0
	for b.Loop() {
		for _, x := range xs {
			s += fn(x)
		}
	}
	libmSink = s
}

func BenchmarkSinAccurate(b *testing.B) { benchUnaryFn(b, sinAccurate) }
func BenchmarkSinMath(b *testing.B)     { benchUnaryFn(b, math.Sin) }
func BenchmarkCosAccurate(b *testing.B) { benchUnaryFn(b, cosAccurate) }
func BenchmarkCosMath(b *testing.B)     { benchUnaryFn(b, math.Cos) }

func benchPowFn(b *testing.B, fn func(x, y float64) float64) {
	rng := rand.New(rand.NewPCG(2, 2))
	xs, ys := make([]float64, 1024), make([]float64, 1024)
	for i := range xs {
		xs[i], ys[i] = rng.Float64()*1e3, rng.Float64()*200-100
	}
	b.SetBytes(int64(8 * len(xs)))
	s := 0.0
	for b.Loop() {
		for i, x := range xs {
			s += fn(x, ys[i])
		}
	}
	libmSink = s
}

func BenchmarkPowAccurate(b *testing.B) { benchPowFn(b, powAccurate) }
func BenchmarkPowMath(b *testing.B)     { benchPowFn(b, math.Pow) }
