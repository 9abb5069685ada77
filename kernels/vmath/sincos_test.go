package vmath

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"

	"gonp/kernels/cpu"
)

// The reference is math/big: x·(2/π) with 2/π to scPiPrec bits (x up to
// 2^1024 keeps over 350 bits of the fraction), then the Taylor series of
// sin or cos of the remainder at scRefPrec bits, far beyond float64's 53.
// Errors are in units of the last place of the exact value.

const (
	scRefPrec = 192
	scPiPrec  = 1500
)

// scPointsEnv names the environment variable that sets how many random
// arguments the long accuracy test draws per function and dtype
// (GONP_VMATH_POINTS=1000000); without it, that test is skipped.
const scPointsEnv = "GONP_VMATH_POINTS"

// scDumpEnv names a directory where the long test writes its arguments and
// correctly rounded results (little-endian float64 pairs, float32 pairs for
// the float32 runs), so that other libraries can be scored on the same
// points.
const scDumpEnv = "GONP_VMATH_DUMP"

var (
	scRefOnce   sync.Once
	scPi        *big.Float // π to scPiPrec bits
	scTwoOverPi *big.Float
)

func scRefConsts() (pi, twoOverPi *big.Float) {
	scRefOnce.Do(func() {
		prec := uint(scPiPrec + 64)
		// Machin: π = 16·atan(1/5) - 4·atan(1/239).
		a := scAtanInv(5, prec)
		b := scAtanInv(239, prec)
		a.Mul(a, big.NewFloat(16))
		b.Mul(b, big.NewFloat(4))
		scPi = new(big.Float).SetPrec(prec).Sub(a, b)
		scTwoOverPi = new(big.Float).SetPrec(prec).Quo(big.NewFloat(2), scPi)
	})
	return scPi, scTwoOverPi
}

// scAtanInv is atan(1/n) = Σ (-1)^k / ((2k+1)·n^(2k+1)).
func scAtanInv(n int64, prec uint) *big.Float {
	sum := new(big.Float).SetPrec(prec)
	pow := new(big.Float).SetPrec(prec).Quo(big.NewFloat(1), new(big.Float).SetInt64(n))
	nn := new(big.Float).SetPrec(prec).SetInt64(n * n)
	term := new(big.Float).SetPrec(prec)
	for k := int64(0); ; k++ {
		term.Quo(pow, new(big.Float).SetInt64(2*k+1))
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

// scRef is sin(x), or cos(x), for finite x, to scRefPrec bits.
func scRef(x float64, cos bool) *big.Float {
	pi, twoOverPi := scRefConsts()
	t := new(big.Float).SetPrec(scPiPrec).SetFloat64(x)
	t.Mul(t, twoOverPi)
	kInt, _ := t.Int(nil) // truncated toward zero
	f := new(big.Float).SetPrec(scPiPrec).Sub(t, new(big.Float).SetInt(kInt))
	half := big.NewFloat(0.5)
	switch {
	case f.Cmp(half) > 0:
		kInt.Add(kInt, big.NewInt(1))
		f.Sub(f, big.NewFloat(1))
	case f.Cmp(new(big.Float).Neg(half)) < 0:
		kInt.Sub(kInt, big.NewInt(1))
		f.Add(f, big.NewFloat(1))
	}
	prec := uint(scRefPrec + 32)
	r := new(big.Float).SetPrec(prec).Mul(f, pi)
	r.Quo(r, big.NewFloat(2)) // x = k·π/2 + r, |r| <= π/4
	quadrant := new(big.Int).And(kInt, big.NewInt(3)).Int64()
	if cos {
		quadrant++
	}
	var v *big.Float
	if quadrant%2 == 0 {
		v = scTaylor(r, 1)
	} else {
		v = scTaylor(r, 0)
	}
	if quadrant%4 >= 2 {
		v.Neg(v)
	}
	return v
}

// scTaylor is Σ (-1)^k r^(2k+first)/(2k+first)!: sin r for first = 1, cos r
// for first = 0.
func scTaylor(r *big.Float, first int64) *big.Float {
	prec := r.Prec()
	r2 := new(big.Float).SetPrec(prec).Mul(r, r)
	term := new(big.Float).SetPrec(prec).SetInt64(1)
	if first == 1 {
		term.Set(r)
	}
	sum := new(big.Float).SetPrec(prec).Set(term)
	if term.Sign() == 0 {
		return sum
	}
	div := new(big.Float).SetPrec(prec)
	for n := first; ; n += 2 {
		term.Mul(term, r2)
		term.Quo(term, div.SetInt64((n+1)*(n+2)))
		term.Neg(term)
		sum.Add(sum, term)
		if term.Sign() == 0 || term.MantExp(nil) < sum.MantExp(nil)-int(prec)-8 {
			return sum
		}
	}
}

// scUlpErr is |got - exact| in units of the last place of exact, for a
// float with mant significand bits whose smallest spacing is 2^minExp.
// A NaN, or an infinity, counts as infinitely wrong.
func scUlpErr(got float64, exact *big.Float, mant, minExp int) float64 {
	if math.IsNaN(got) || math.IsInf(got, 0) {
		return math.Inf(1)
	}
	if exact.Sign() == 0 {
		if got == 0 {
			return 0
		}
		return math.Inf(1)
	}
	diff := new(big.Float).SetPrec(scRefPrec + 64).SetFloat64(got)
	diff.Sub(diff, exact)
	e := exact.MantExp(nil) - mant // exact in [2^(E-1), 2^E): ulp = 2^(E-mant)
	if e < minExp {
		e = minExp
	}
	d, _ := diff.Abs(diff).SetMantExp(diff, -e).Float64()
	return d
}

// scStats gathers max error and the share of correctly rounded results.
type scStats struct {
	n, exact int
	worst    float64
	worstX   float64
}

func (s *scStats) add(x, ulp float64, correct bool) {
	s.n++
	if correct {
		s.exact++
	}
	if ulp > s.worst || s.n == 1 {
		s.worst, s.worstX = ulp, x
	}
}

func (s *scStats) merge(o scStats) {
	if o.worst > s.worst || s.n == 0 {
		s.worst, s.worstX = o.worst, o.worstX
	}
	s.n += o.n
	s.exact += o.exact
}

func (s scStats) String() string {
	return fmt.Sprintf("%d points, max %.4f ulp (x = %v), correctly rounded %.3f%%",
		s.n, s.worst, s.worstX, 100*float64(s.exact)/float64(max(s.n, 1)))
}

// scFunc names one of the four functions under test.
type scFunc struct {
	name string
	cos  bool
	f64  func(dst, x []float64)
	f32  func(dst, x []float32)
}

var scFuncs = []scFunc{
	{"sin", false, Sin, Sin32},
	{"cos", true, Cos, Cos32},
}

// scScore runs fn on xs at the active level and scores every result
// against the reference, on as many goroutines as there are CPUs. If
// dump is not nil, it receives each argument's correctly rounded value.
func scScore64(fn scFunc, xs []float64, dump []float64) scStats {
	got := make([]float64, len(xs))
	fn.f64(got, xs)
	return scParallel(len(xs), func(i int, s *scStats) {
		ref := scRef(xs[i], fn.cos)
		want, _ := ref.Float64()
		if dump != nil {
			dump[i] = want
		}
		s.add(xs[i], scUlpErr(got[i], ref, 53, -1074), got[i] == want)
	})
}

func scScore32(fn scFunc, xs []float32, dump []float32) scStats {
	got := make([]float32, len(xs))
	fn.f32(got, xs)
	return scParallel(len(xs), func(i int, s *scStats) {
		ref := scRef(float64(xs[i]), fn.cos)
		want, _ := ref.Float32()
		if dump != nil {
			dump[i] = want
		}
		s.add(float64(xs[i]), scUlpErr(float64(got[i]), ref, 24, -149), got[i] == want)
	})
}

func scParallel(n int, f func(i int, s *scStats)) scStats {
	workers := runtime.GOMAXPROCS(0)
	parts := make([]scStats, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				f(i, &parts[w])
			}
		}()
	}
	wg.Wait()
	var total scStats
	for _, p := range parts {
		total.merge(p)
	}
	return total
}

// scLogUniform draws |x| from [2^lo, 2^hi) evenly in log scale, with a
// random sign.
func scLogUniform(rng *rand.Rand, lo, hi float64) float64 {
	v := math.Exp2(lo + rng.Float64()*(hi-lo))
	if rng.IntN(2) == 0 {
		v = -v
	}
	return v
}

// scNearPio2 returns the float64 nearest to k·π/2 moved by d ulps.
func scNearPio2(k float64, d int) float64 {
	pi, _ := scRefConsts()
	v := new(big.Float).SetPrec(scPiPrec).Mul(pi, new(big.Float).SetFloat64(k))
	v.Quo(v, big.NewFloat(2))
	f, _ := v.Float64()
	for ; d > 0; d-- {
		f = math.Nextafter(f, math.Inf(1))
	}
	for ; d < 0; d++ {
		f = math.Nextafter(f, math.Inf(-1))
	}
	return f
}

// scArgSet is a named set of test arguments.
type scArgSet struct {
	name string
	xs   []float64
}

// scArgs64 draws n arguments of each kind: random bit patterns (the whole
// float64 range, mostly huge), log-uniform magnitudes from 2^-30 to 2^30,
// uniform in [-8π, 8π], and the float64s at and next to multiples of π/2.
func scArgs64(n int, seed uint64) []scArgSet {
	rng := rand.New(rand.NewPCG(seed, 6))
	whole, logu, turn, near := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range n {
		for {
			whole[i] = math.Float64frombits(rng.Uint64())
			if !math.IsNaN(whole[i]) && !math.IsInf(whole[i], 0) {
				break
			}
		}
		logu[i] = scLogUniform(rng, -30, 30)
		turn[i] = (rng.Float64()*2 - 1) * 8 * math.Pi
		k := float64(rng.IntN(1 << 20))
		if i%4 == 0 { // also near the Cody-Waite bound and beyond
			k = math.Floor(math.Exp2(20 + rng.Float64()*44))
		}
		near[i] = scNearPio2(k, rng.IntN(9)-4)
		if rng.IntN(2) == 0 {
			near[i] = -near[i]
		}
	}
	return []scArgSet{{"whole range", whole}, {"|x| in 2^-30..2^30", logu}, {"|x| <= 8π", turn}, {"near k·π/2", near}}
}

// scArgs32 is scArgs64 for float32 (log-uniform up to 2^40, the reach of
// the vector reduction, near multiples of π/2 up to 2^40 too).
func scArgs32(n int, seed uint64) []scArgSet {
	rng := rand.New(rand.NewPCG(seed, 7))
	whole, logu, turn, near := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range n {
		for {
			v := math.Float32frombits(rng.Uint32())
			if !math.IsNaN(float64(v)) && !math.IsInf(float64(v), 0) {
				whole[i] = float64(v)
				break
			}
		}
		logu[i] = float64(float32(scLogUniform(rng, -30, 42)))
		turn[i] = float64(float32((rng.Float64()*2 - 1) * 8 * math.Pi))
		k := math.Floor(math.Exp2(rng.Float64() * 40))
		v := float32(scNearPio2(k, 0))
		for d := rng.IntN(5) - 2; d != 0; {
			if d > 0 {
				v, d = math.Nextafter32(v, float32(math.Inf(1))), d-1
			} else {
				v, d = math.Nextafter32(v, float32(math.Inf(-1))), d+1
			}
		}
		near[i] = float64(v)
	}
	return []scArgSet{{"whole range", whole}, {"|x| in 2^-30..2^42", logu}, {"|x| <= 8π", turn}, {"near k·π/2", near}}
}

func scTo32(xs []float64) []float32 {
	out := make([]float32, len(xs))
	for i, v := range xs {
		out[i] = float32(v)
	}
	return out
}

// scAtEachLevel runs f as one subtest per SIMD level the CPU and build
// have, restoring the active level afterwards.
func scAtEachLevel(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	defer cpu.Set(cpu.Active())
	for _, l := range cpu.Levels() {
		cpu.Set(l)
		t.Run(l.String(), f)
	}
}

// scHard64 are arguments known to be hard or on a boundary of the code.
var scHard64 = []float64{
	6381956970095103 * 0x1p797, // closest to a multiple of π/2 of all float64s
	1e22, 1e300, math.MaxFloat64, -math.MaxFloat64, 0x1p1023, 0x1p-1022, 0x1p-1074, 1e-310,
	math.Pi / 4, math.Nextafter(math.Pi/4, 1), math.Pi / 2, math.Pi, 3 * math.Pi / 2, 2 * math.Pi,
	0x1p-26, 0x1p-27, 0x1.6a09ep-27, 1, -1, 0.5, 2, 10, 100, 1e5, 1e6,
	scHuge64, math.Nextafter(scHuge64, 0), math.Nextafter(scHuge64, math.Inf(1)),
	scHuge32, math.Nextafter(scHuge32, 0), 0x1p20 * math.Pi / 2, 0x1p30, 0x1p52, 0x1p53, 0x1p63, 0x1p64,
}

// scMaxUlp is the largest error the tests accept.
const scMaxUlp = 1.0

// TestSinCosAccuracy scores every function and dtype against the math/big
// reference at every level: at most 1 ulp, and float64 correctly rounded
// on at least 99% of each set (the target is 98%; glibc, NumPy's, reaches
// about 99.8%).
func TestSinCosAccuracy(t *testing.T) {
	const n = 3000
	sets64 := scArgs64(n, 1)
	sets64 = append(sets64, scArgSet{"hard cases", scHard64})
	sets32 := scArgs32(n, 2)
	scAtEachLevel(t, func(t *testing.T) {
		for _, fn := range scFuncs {
			for _, set := range sets64 {
				s := scScore64(fn, set.xs, nil)
				t.Logf("%s float64 %s: %v", fn.name, set.name, s)
				if s.worst > scMaxUlp {
					t.Errorf("%s float64 %s: max error %.3f ulp at x = %v", fn.name, set.name, s.worst, s.worstX)
				}
				if set.name != "hard cases" && float64(s.exact) < 0.99*float64(s.n) {
					t.Errorf("%s float64 %s: only %d of %d correctly rounded", fn.name, set.name, s.exact, s.n)
				}
			}
			for _, set := range sets32 {
				s := scScore32(fn, scTo32(set.xs), nil)
				t.Logf("%s float32 %s: %v", fn.name, set.name, s)
				if s.worst > scMaxUlp {
					t.Errorf("%s float32 %s: max error %.3f ulp at x = %v", fn.name, set.name, s.worst, s.worstX)
				}
				if float64(s.exact) < 0.999*float64(s.n) {
					t.Errorf("%s float32 %s: only %d of %d correctly rounded", fn.name, set.name, s.exact, s.n)
				}
			}
		}
	})
}

// TestSinCosAccuracyLong is TestSinCosAccuracy on GONP_VMATH_POINTS random
// arguments per function, dtype and kind, at the best level only (every
// level gives the same bits: TestSinCosSameBitsEveryLevel).
func TestSinCosAccuracyLong(t *testing.T) {
	v := os.Getenv(scPointsEnv)
	if v == "" {
		t.Skipf("set %s=1000000 to run", scPointsEnv)
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		t.Fatalf("%s=%q: want a positive integer", scPointsEnv, v)
	}
	dumpDir := os.Getenv(scDumpEnv)
	dump := func(name string, xs, want []float64) {
		if dumpDir == "" {
			return
		}
		buf := make([]byte, 0, 16*len(xs))
		for i := range xs {
			buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(xs[i]))
			buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(want[i]))
		}
		if err := os.WriteFile(filepath.Join(dumpDir, name), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dump32 := func(name string, xs, want []float32) {
		if dumpDir == "" {
			return
		}
		buf := make([]byte, 0, 8*len(xs))
		for i := range xs {
			buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(xs[i]))
			buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(want[i]))
		}
		if err := os.WriteFile(filepath.Join(dumpDir, name), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, fn := range scFuncs {
		for k, set := range scArgs64(n, 101) {
			want := make([]float64, len(set.xs))
			s := scScore64(fn, set.xs, want)
			t.Logf("%s float64 %s: %v", fn.name, set.name, s)
			if s.worst > scMaxUlp {
				t.Errorf("%s float64 %s: max error %.3f ulp at x = %v", fn.name, set.name, s.worst, s.worstX)
			}
			dump(fmt.Sprintf("%s_f64_%d.bin", fn.name, k), set.xs, want)
		}
		for k, set := range scArgs32(n, 102) {
			xs := scTo32(set.xs)
			want := make([]float32, len(xs))
			s := scScore32(fn, xs, want)
			t.Logf("%s float32 %s: %v", fn.name, set.name, s)
			if s.worst > scMaxUlp {
				t.Errorf("%s float32 %s: max error %.3f ulp at x = %v", fn.name, set.name, s.worst, s.worstX)
			}
			dump32(fmt.Sprintf("%s_f32_%d.bin", fn.name, k), xs, want)
		}
	}
}

// TestSinCosSpecial checks the special values bit for bit, at every level
// and at every position in a vector (the SIMD bodies patch such lanes).
func TestSinCosSpecial(t *testing.T) {
	nan64 := func(b uint64) float64 { return math.Float64frombits(b) }
	type case64 struct{ x, sin, cos float64 }
	cases64 := []case64{
		{0, 0, 1},
		{math.Copysign(0, -1), math.Copysign(0, -1), 1},
		{0x1p-1074, 0x1p-1074, 1},
		{-0x1p-1074, -0x1p-1074, 1},
		{0x1.ffffffffffffep-1023, 0x1.ffffffffffffep-1023, 1}, // largest subnormal
		{-0x1p-1022, -0x1p-1022, 1},
		{0x1p-30, 0x1p-30, 1},
		{math.Inf(1), nan64(scInfNaN64), nan64(scInfNaN64)},
		{math.Inf(-1), nan64(scInfNaN64), nan64(scInfNaN64)},
		{nan64(0x7ff8000000000000), nan64(0x7ff8000000000000), nan64(0x7ff8000000000000)},
		{nan64(0xfff8000000000000), nan64(0xfff8000000000000), nan64(0xfff8000000000000)},
		{nan64(0x7ff0000000000001), nan64(0x7ff8000000000001), nan64(0x7ff8000000000001)}, // signalling: quieted
		{nan64(0xfff8000000001234), nan64(0xfff8000000001234), nan64(0xfff8000000001234)},
	}
	nan32 := func(b uint32) float32 { return math.Float32frombits(b) }
	type case32 struct{ x, sin, cos float32 }
	cases32 := []case32{
		{0, 0, 1},
		{float32(math.Copysign(0, -1)), float32(math.Copysign(0, -1)), 1},
		{0x1p-149, 0x1p-149, 1},
		{-0x1p-149, -0x1p-149, 1},
		{-0x1p-126, -0x1p-126, 1},
		{0x1p-13, 0x1p-13, 1},
		{float32(math.Inf(1)), nan32(scInfNaN32), nan32(scInfNaN32)},
		{float32(math.Inf(-1)), nan32(scInfNaN32), nan32(scInfNaN32)},
		{nan32(0x7fc00000), nan32(scNaN32), nan32(scNaN32)},
		{nan32(0xffc00000), nan32(scNaN32), nan32(scNaN32)},
		{nan32(0x7f800001), nan32(scNaN32), nan32(scNaN32)},
		{nan32(0xffc01234), nan32(scNaN32), nan32(scNaN32)},
	}
	scAtEachLevel(t, func(t *testing.T) {
		const width = 19 // spans several vectors and a tail
		for _, c := range cases64 {
			for pos := range width {
				xs := make([]float64, width)
				for i := range xs {
					xs[i] = 0.25 * float64(i+1)
				}
				xs[pos] = c.x
				for _, f := range []struct {
					fn   func(dst, x []float64)
					want float64
					name string
				}{{Sin, c.sin, "sin"}, {Cos, c.cos, "cos"}} {
					got := make([]float64, width)
					f.fn(got, xs)
					if math.Float64bits(got[pos]) != math.Float64bits(f.want) {
						t.Errorf("%s(%#x) at %d = %#x, want %#x", f.name, math.Float64bits(c.x), pos,
							math.Float64bits(got[pos]), math.Float64bits(f.want))
					}
				}
			}
		}
		for _, c := range cases32 {
			for pos := range width {
				xs := make([]float32, width)
				for i := range xs {
					xs[i] = 0.25 * float32(i+1)
				}
				xs[pos] = c.x
				for _, f := range []struct {
					fn   func(dst, x []float32)
					want float32
					name string
				}{{Sin32, c.sin, "sin"}, {Cos32, c.cos, "cos"}} {
					got := make([]float32, width)
					f.fn(got, xs)
					if math.Float32bits(got[pos]) != math.Float32bits(f.want) {
						t.Errorf("%s32(%#x) at %d = %#x, want %#x", f.name, math.Float32bits(c.x), pos,
							math.Float32bits(got[pos]), math.Float32bits(f.want))
					}
				}
			}
		}
	})
}

// TestSinCosSameBitsEveryLevel checks that every SIMD body gives the bits
// of the plain-Go body on a mix of arguments, with dst == x, at lengths
// that leave tails, and that nothing is read or written outside the
// slices (NaN guard bands) or changed in x.
func TestSinCosSameBitsEveryLevel(t *testing.T) {
	var mix []float64
	for _, set := range scArgs64(500, 3) {
		mix = append(mix, set.xs...)
	}
	mix = append(mix, scHard64...)
	mix = append(mix, math.Inf(1), math.NaN(), math.Copysign(0, -1), 0x1p-1074)
	rng := rand.New(rand.NewPCG(4, 4))
	rng.Shuffle(len(mix), func(i, j int) { mix[i], mix[j] = mix[j], mix[i] })
	mix32 := scTo32(mix)
	const guard = 7
	scAtEachLevel(t, func(t *testing.T) {
		for _, fn := range scFuncs {
			for _, n := range []int{0, 1, 3, 4, 7, 8, 9, 15, 16, 17, 31, 33, len(mix)} {
				// float64, separate dst, inside guard bands.
				buf := make([]float64, n+2*guard)
				for i := range buf {
					buf[i] = math.NaN()
				}
				xs := append([]float64(nil), mix[:n]...)
				fn.f64(buf[guard:guard+n], xs)
				for i := range n {
					want := scSinCos64(mix[i], scShiftOf(fn), scSignOf(fn))
					if math.Float64bits(buf[guard+i]) != math.Float64bits(want) {
						t.Fatalf("%s(%v) = %v, plain Go gives %v", fn.name, mix[i], buf[guard+i], want)
					}
				}
				for i := range guard {
					if !math.IsNaN(buf[i]) || !math.IsNaN(buf[guard+n+i]) {
						t.Fatalf("%s n=%d: write outside dst", fn.name, n)
					}
				}
				for i := range n {
					if math.Float64bits(xs[i]) != math.Float64bits(mix[i]) {
						t.Fatalf("%s n=%d: x changed", fn.name, n)
					}
				}
				// In place.
				fn.f64(xs, xs)
				for i := range n {
					if math.Float64bits(xs[i]) != math.Float64bits(buf[guard+i]) {
						t.Fatalf("%s in place: x[%d] = %v differs from %v", fn.name, i, xs[i], buf[guard+i])
					}
				}

				// float32, the same.
				buf32 := make([]float32, n+2*guard)
				for i := range buf32 {
					buf32[i] = float32(math.NaN())
				}
				xs32 := append([]float32(nil), mix32[:n]...)
				fn.f32(buf32[guard:guard+n], xs32)
				for i := range n {
					want := scSinCos32(mix32[i], scShiftOf(fn))
					if math.Float32bits(buf32[guard+i]) != math.Float32bits(want) {
						t.Fatalf("%s32(%v) = %v, plain Go gives %v", fn.name, mix32[i], buf32[guard+i], want)
					}
				}
				for i := range guard {
					if !math.IsNaN(float64(buf32[i])) || !math.IsNaN(float64(buf32[guard+n+i])) {
						t.Fatalf("%s32 n=%d: write outside dst", fn.name, n)
					}
				}
				for i := range n {
					if math.Float32bits(xs32[i]) != math.Float32bits(mix32[i]) {
						t.Fatalf("%s32 n=%d: x changed", fn.name, n)
					}
				}
				fn.f32(xs32, xs32)
				for i := range n {
					if math.Float32bits(xs32[i]) != math.Float32bits(buf32[guard+i]) {
						t.Fatalf("%s32 in place: x[%d] differs", fn.name, i)
					}
				}
			}
		}
	})
}

func scShiftOf(fn scFunc) uint64 {
	if fn.cos {
		return scCosShift
	}
	return scSinShift
}

func scSignOf(fn scFunc) uint64 {
	if fn.cos {
		return scCosSign
	}
	return scSinSign
}

func TestSinCosLengthMismatch(t *testing.T) {
	for name, f := range map[string]func(){
		"Sin":   func() { Sin(make([]float64, 3), make([]float64, 4)) },
		"Cos":   func() { Cos(make([]float64, 5), make([]float64, 4)) },
		"Sin32": func() { Sin32(make([]float32, 3), make([]float32, 4)) },
		"Cos32": func() { Cos32(nil, make([]float32, 1)) },
	} {
		func() {
			defer func() {
				if r := recover(); r != scErrLength {
					t.Errorf("%s: recovered %v, want %q", name, r, scErrLength)
				}
			}()
			f()
		}()
	}
}

// TestSinCosFourOverPi checks the Payne-Hanek table against math/big.
func TestSinCosFourOverPi(t *testing.T) {
	pi, _ := scRefConsts()
	v := new(big.Float).SetPrec(scPiPrec).Quo(big.NewFloat(4), pi)
	for i, want := range scFourOverPi {
		w, _ := v.Uint64() // the integer part
		if w != want {
			t.Fatalf("scFourOverPi[%d] = %#016x, want %#016x", i, want, w)
		}
		v.Sub(v, new(big.Float).SetUint64(w))
		v.SetMantExp(v, 64)
	}
}

// TestSinCosPoly32 checks the float32 body's polynomial (the Remez fit of
// sincos_tables_gen.go) against the math/big sine on a fine grid of |r| <=
// π/2 + 0.02: a relative error of at most scPolyErr32 plus the rounding of
// its float64 operations.
func TestSinCosPoly32(t *testing.T) {
	const (
		n     = 20000
		reach = math.Pi/2 + 0.02
		slack = 4 * 0x1p-53
	)
	worst, worstR := 0.0, 0.0
	for i := 1; i <= n; i++ {
		r := reach * float64(i) / n
		ref := scTaylor(new(big.Float).SetPrec(scRefPrec).SetFloat64(r), 1)
		d := new(big.Float).SetPrec(scRefPrec).SetFloat64(scPolySin32(r))
		d.Sub(d, ref).Quo(d, ref)
		rel, _ := d.Float64()
		if math.Abs(rel) > worst {
			worst, worstR = math.Abs(rel), r
		}
		if got := scPolySin32(-r); got != -scPolySin32(r) {
			t.Fatalf("scPolySin32(%v) = %v, not odd", -r, got)
		}
	}
	t.Logf("max relative error %.3e at r = %v (bound %.3e)", worst, worstR, scPolyErr32)
	if worst > scPolyErr32+slack {
		t.Errorf("max relative error %.3e at r = %v, above %.3e", worst, worstR, scPolyErr32)
	}
}
