package expr

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// bigHypot is sqrt(a² + b²) to refPrec bits (math/big has no overflow).
func bigHypot(a, b float64) *big.Float {
	x := new(big.Float).SetPrec(refPrec).SetFloat64(a)
	y := new(big.Float).SetPrec(refPrec).SetFloat64(b)
	x.Mul(x, x)
	y.Mul(y, y)
	return x.Add(x, y).Sqrt(x)
}

func TestHypotSpecial(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	negNaN := math.Float64frombits(0xfff8000000000000)
	big, tiny := math.MaxFloat64, math.SmallestNonzeroFloat64
	cases := []struct{ a, b, want float64 }{
		{inf, nan, inf}, {nan, -inf, inf}, {-inf, 0, inf}, {3, -inf, inf},
		{nan, 1, nan}, {1, negNaN, negNaN}, {negNaN, 0, negNaN},
		{0, 0, 0}, {negZero, negZero, 0}, {negZero, 0, 0},
		{-3, 0, 3}, {0, -4, 4}, {3, 4, 5}, {-5, 12, 13},
		{big, 0, big}, {big, big, inf}, {tiny, 0, tiny}, {tiny, tiny, tiny}, {3 * tiny, 4 * tiny, 5 * tiny},
		{3e300, -4e300, 5e300}, {-3e-300, 4e-300, 5e-300}, {16 * tiny, 16 * tiny, 23 * tiny},
		{1, 0x1p-60, 1}, {0x1p-600, 0x1p500, 0x1p500},
	}
	for _, c := range cases {
		got := hypotF64(c.a, c.b)
		if math.Float64bits(got) != math.Float64bits(c.want) {
			t.Errorf("hypot(%v, %v) = %v (%#x), want %v (%#x)", c.a, c.b, got, math.Float64bits(got), c.want, math.Float64bits(c.want))
		}
		if sw := hypotF64(c.b, c.a); math.Float64bits(sw) != math.Float64bits(got) && !(math.IsNaN(got) && math.IsNaN(sw)) {
			t.Errorf("hypot(%v, %v) = %v differs from hypot(%v, %v) = %v", c.b, c.a, sw, c.a, c.b, got)
		}
	}
}

// TestHypotAccuracy holds hypot to 0.52 ulp against a math/big reference,
// over the whole exponent range: operands of any magnitude, close to each
// other, far apart, subnormal.
func TestHypotAccuracy(t *testing.T) {
	n := 20000
	if testing.Short() {
		n = 2000
	}
	rng := rand.New(rand.NewPCG(5, 6))
	anyFinite := func() float64 {
		return math.Float64frombits(rng.Uint64N(0x7ff0000000000000) | rng.Uint64N(2)<<63)
	}
	worst, wa, wb := 0.0, 0.0, 0.0
	for i := range n {
		var a, b float64
		switch i % 4 {
		case 0:
			a, b = anyFinite(), anyFinite()
		case 1:
			a = anyFinite()
			b = a * (1 + (rng.Float64()-0.5)*0x1p-10)
		case 2:
			a = anyFinite()
			b = math.Ldexp(a*(rng.Float64()+0.5), -rng.IntN(60))
		case 3:
			a = math.Float64frombits(rng.Uint64N(1 << 53))
			b = math.Float64frombits(rng.Uint64N(1 << 53))
		}
		got := hypotF64(a, b)
		ref := bigHypot(a, b)
		if rf, _ := ref.Float64(); math.IsInf(rf, 1) {
			if !math.IsInf(got, 1) {
				t.Fatalf("hypot(%v, %v) = %v, want +Inf", a, b, got)
			}
			continue
		}
		if e := ulpErr(got, ref); e > worst {
			worst, wa, wb = e, a, b
		}
	}
	t.Logf("hypot: worst error %.3f ulp at (%v, %v)", worst, wa, wb)
	if worst > 0.52 {
		t.Errorf("hypot: %.3f ulp at (%v, %v), bound 0.52", worst, wa, wb)
	}
}

func TestHypotBlockGuards(t *testing.T) {
	n := 37
	buf := func() []float64 {
		g := make([]float64, n+16)
		for k := range g {
			g[k] = math.NaN()
		}
		return g
	}
	x, y, d := buf(), buf(), buf()
	for k := range n {
		x[8+k], y[8+k] = float64(k)-18, math.Ldexp(float64(k)+0.5, k*20-300)
	}
	x0, y0 := append([]float64(nil), x...), append([]float64(nil), y...)
	hypotBlock(d[8:8+n], x[8:8+n], y[8:8+n])
	for k := range n {
		if want := hypotF64(x[8+k], y[8+k]); d[8+k] != want {
			t.Fatalf("hypotBlock element %d: %v, scalar %v", k, d[8+k], want)
		}
	}
	for k := range 8 {
		if !math.IsNaN(d[k]) || !math.IsNaN(d[len(d)-1-k]) {
			t.Fatal("hypotBlock wrote outside dst")
		}
	}
	for k := range x {
		if math.Float64bits(x[k]) != math.Float64bits(x0[k]) || math.Float64bits(y[k]) != math.Float64bits(y0[k]) {
			t.Fatal("hypotBlock changed its operands")
		}
	}
}
