package expr

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// refPrec is the precision of the math/big references.
const refPrec = 192

// bigLn returns ln(m) for m in [1/2, 2] as 2*atanh(s), s = (m-1)/(m+1),
// |s| ≤ 1/3: the series' terms fall by at least 9 each.
func bigLn(m *big.Float) *big.Float {
	one := new(big.Float).SetPrec(refPrec).SetInt64(1)
	num := new(big.Float).SetPrec(refPrec).Sub(m, one)
	den := new(big.Float).SetPrec(refPrec).Add(m, one)
	s := new(big.Float).SetPrec(refPrec).Quo(num, den)
	s2 := new(big.Float).SetPrec(refPrec).Mul(s, s)
	sum := new(big.Float).SetPrec(refPrec)
	pow := new(big.Float).SetPrec(refPrec).Set(s)
	term := new(big.Float).SetPrec(refPrec)
	for n := int64(1); pow.Sign() != 0; n += 2 {
		term.Quo(pow, new(big.Float).SetPrec(refPrec).SetInt64(n))
		sum.Add(sum, term)
		if term.Sign() == 0 || term.MantExp(nil)-sum.MantExp(nil) < -refPrec-8 {
			break
		}
		pow.Mul(pow, s2)
	}
	return sum.Mul(sum, new(big.Float).SetPrec(refPrec).SetInt64(2))
}

var bigLn2 = bigLn(new(big.Float).SetPrec(refPrec).SetInt64(2))

// bigLog2 is log2(x) for positive finite x, to refPrec bits.
func bigLog2(x float64) *big.Float {
	m, e := math.Frexp(x) // x = m * 2^e, m in [1/2, 1)
	r := bigLn(new(big.Float).SetPrec(refPrec).SetFloat64(m))
	r.Quo(r, bigLn2)
	return r.Add(r, new(big.Float).SetPrec(refPrec).SetInt64(int64(e)))
}

// ulpErr is |got - ref| in units of the last place of float64 at ref.
func ulpErr(got float64, ref *big.Float) float64 {
	exp := max(ref.MantExp(nil)-53, -1074) // ref = mant * 2^exp, mant in [1/2, 1)
	d := new(big.Float).SetPrec(refPrec).Sub(new(big.Float).SetPrec(refPrec).SetFloat64(got), ref)
	df, _ := d.SetMantExp(d, -exp).Float64()
	return math.Abs(df)
}

func TestLog2Constants(t *testing.T) {
	inv := new(big.Float).SetPrec(refPrec).Quo(new(big.Float).SetPrec(refPrec).SetInt64(1), bigLn2)
	sum := new(big.Float).SetPrec(refPrec).Add(new(big.Float).SetFloat64(log2IvLn2Hi), new(big.Float).SetFloat64(log2IvLn2Lo))
	rel, _ := new(big.Float).SetPrec(refPrec).Quo(new(big.Float).SetPrec(refPrec).Sub(sum, inv), inv).Float64()
	if math.Abs(rel) > 0x1p-85 {
		t.Errorf("1/ln2 as hi + lo: relative error %g", rel)
	}
	if bits := math.Float64bits(log2IvLn2Hi); bits&(1<<20-1) != 0 {
		t.Errorf("log2IvLn2Hi has more than 33 significant bits: %#x", bits)
	}
	// The reference itself: ln 2 to 30 digits.
	if s := bigLn2.Text('g', 30); s != "0.693147180559945309417232121458" {
		t.Errorf("reference ln 2 = %s", s)
	}
}

func TestLog2Special(t *testing.T) {
	nan := math.Float64frombits(log2NaN)
	payload := math.Float64frombits(0xfff8000000000abc)
	cases := []struct{ x, want float64 }{
		{0, math.Inf(-1)}, {negZero, math.Inf(-1)}, {-1, nan}, {-math.SmallestNonzeroFloat64, nan},
		{math.Inf(-1), nan}, {math.Inf(1), math.Inf(1)}, {math.NaN(), math.NaN()},
		{payload, payload}, {1, 0}, {2, 1}, {0.5, -1}, {math.SmallestNonzeroFloat64, -1074},
		{0x1p-1022, -1022}, {0x1p1023, 1023}, {math.MaxFloat64, 1024},
	}
	for _, c := range cases {
		got := log2F64(c.x)
		if math.Float64bits(got) != math.Float64bits(c.want) {
			t.Errorf("log2(%v) = %v (%#x), want %v (%#x)", c.x, got, math.Float64bits(got), c.want, math.Float64bits(c.want))
		}
	}
	// Every power of two, subnormal ones included, is exact.
	for k := -1074; k <= 1023; k++ {
		if got := log2F64(math.Ldexp(1, k)); got != float64(k) {
			t.Fatalf("log2(2^%d) = %v", k, got)
		}
	}
}

// log2Points are where log2 is hardest (near 1, near sqrt(2) and its
// half, where the reduction switches, subnormals) and across the range.
func log2Points(n int) []float64 {
	rng := rand.New(rand.NewPCG(3, 4))
	xs := make([]float64, 0, 6*n)
	for range n {
		u := rng.Float64()*2 - 1
		xs = append(xs,
			math.Float64frombits(rng.Uint64N(0x7ff0000000000000-1)+1), // any positive finite
			1+u*0x1p-20,
			1+u*0x1p-3,
			math.Sqrt2*(1+u*0x1p-30),
			math.Sqrt2/2*(1+u*0x1p-30),
			math.Float64frombits(rng.Uint64N(1<<52-1)+1), // subnormal
		)
	}
	return xs
}

// TestLog2Accuracy holds log2 to its documented 0.62 ulp against a math/big
// reference.
func TestLog2Accuracy(t *testing.T) {
	n := 2000
	if testing.Short() {
		n = 200
	}
	worst, at := 0.0, 0.0
	for _, x := range log2Points(n) {
		ref := bigLog2(x)
		got := log2F64(x)
		if ref.Sign() == 0 {
			if got != 0 || math.Signbit(got) {
				t.Fatalf("log2(%v) = %v, want +0", x, got)
			}
			continue
		}
		if e := ulpErr(got, ref); e > worst {
			worst, at = e, x
		}
	}
	t.Logf("log2: worst error %.3f ulp at %v", worst, at)
	if worst > 0.62 {
		t.Errorf("log2: %.3f ulp at %v (%#x), bound 0.62", worst, at, math.Float64bits(at))
	}
}

func TestLog2BlockGuards(t *testing.T) {
	xs := log2Points(20)
	guarded := func(v []float64) []float64 {
		g := make([]float64, len(v)+16)
		for k := range g {
			g[k] = math.NaN()
		}
		copy(g[8:], v)
		return g
	}
	x := guarded(xs)
	xCopy := append([]float64(nil), x...)
	d := guarded(make([]float64, len(xs)))
	log2Block(d[8:8+len(xs)], x[8:8+len(xs)])
	for k, v := range xs {
		if d[8+k] != log2F64(v) {
			t.Fatalf("log2Block element %d: %v, scalar %v", k, d[8+k], log2F64(v))
		}
	}
	for k := range 8 {
		if !math.IsNaN(d[k]) || !math.IsNaN(d[len(d)-1-k]) {
			t.Fatal("log2Block wrote outside dst")
		}
	}
	for k := range x {
		if math.Float64bits(x[k]) != math.Float64bits(xCopy[k]) {
			t.Fatal("log2Block changed x")
		}
	}
}
