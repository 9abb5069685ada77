package dispatch

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonp/kernels"
)

// meanVarResult runs MeanVar into fresh guarded outputs sharing strides and
// returns both in C order of the kept shape.
func meanVarResult(t *testing.T, x Array, v reduceView, outStrides []int, ddof float64, workers int, name string) (mean, variance []float64) {
	t.Helper()
	mo := newOperand(v.kept, outStrides, sentinel[float64]())
	vo := newOperand(v.kept, outStrides, sentinel[float64]())
	if err := MeanVar(x, v.nreduce, mo.array(), vo.array(), ddof, workers, nil); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	checkGuards(t, mo, sentinel[float64](), name+" (mean)")
	checkGuards(t, vo, sentinel[float64](), name+" (var)")
	forEachIndex(v.kept, func(idx []int) {
		mean = append(mean, mo.buf[mo.at(idx)])
		variance = append(variance, vo.buf[vo.at(idx)])
	})
	return mean, variance
}

func testMeanVar[T kernels.Number](t *testing.T, rng *rand.Rand) {
	for trial := 0; trial < 12; trial++ {
		nd := 1 + trial%4
		shape := randomShape(rng, nd, 1, 5)
		x := newOperand[T](shape, randomStrides(rng, shape, anyLayout, true), 0)
		fillRandom(rng, x.buf)
		for mask := 1; mask < 1<<nd; mask++ {
			v := newReduceView(shape, x.strides, mask)
			ddof := float64(rng.IntN(2))
			if float64(v.redSize) <= ddof {
				ddof = 0
			}
			w := workerCounts[rng.IntN(len(workerCounts))]
			name := fmt.Sprintf("mean/var %v of shape %v strides %v over axes %v, ddof %v, workers %d",
				dtypeOf[T](), shape, x.strides, v.redIdx, ddof, w)
			mean, variance := meanVarResult(t, arrayOf(x.buf, x.off, v.shape, v.strides), v,
				randomStrides(rng, v.kept, anyLayout, false), ddof, w, name)
			for i, pos := range v.slices(x.off) {
				vals := make([]float64, len(pos))
				for j, p := range pos {
					vals[j] = float64(x.buf[p])
				}
				rm, rv := referenceOf(Mean, vals, ddof), referenceOf(Var, vals, ddof)
				if !rm.check(mean[i], Float64, reduceTolerance) || !rv.check(variance[i], Float64, reduceTolerance) {
					t.Errorf("%s: kept element %d: got mean %v var %v, want %v %v", name, i, mean[i], variance[i], rm.want, rv.want)
				}
			}
		}
	}
}

func TestMeanVar(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	t.Run("float32", func(t *testing.T) { testMeanVar[float32](t, rng) })
	t.Run("float64", func(t *testing.T) { testMeanVar[float64](t, rng) })
	t.Run("int32", func(t *testing.T) { testMeanVar[int32](t, rng) })
	t.Run("int64", func(t *testing.T) { testMeanVar[int64](t, rng) })
}

func TestMeanVarDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for _, c := range largeReductions() {
		x := newOperand[float64](c.shape, c.strides, 0)
		for i := range x.buf {
			x.buf[i] = 1e6 + rng.NormFloat64()
		}
		nk := len(c.shape) - c.nreduce
		v := reduceView{shape: c.shape, strides: c.strides, kept: c.shape[:nk], reduced: c.shape[nk:], nreduce: c.nreduce}
		groups := v.slices(x.off)
		outStrides := randomStrides(rng, v.kept, anyLayout, false)
		var firstMean, firstVar []float64
		for _, w := range []int{1, 2, 3, 8, 64} {
			name := fmt.Sprintf("%s: mean/var, workers %d", c.path, w)
			mean, variance := meanVarResult(t, x.array(), v, outStrides, 1, w, name)
			if firstMean == nil {
				firstMean, firstVar = mean, variance
				for i, pos := range groups {
					vals := make([]float64, len(pos))
					for j, p := range pos {
						vals[j] = x.buf[p]
					}
					rm, rv := referenceOf(Mean, vals, 1), referenceOf(Var, vals, 1)
					if !rm.check(mean[i], Float64, reduceTolerance) || math.Abs(variance[i]-rv.want) > 1e-9*math.Abs(rv.want) {
						t.Errorf("%s: kept element %d: got mean %v var %v, want %v %v", name, i, mean[i], variance[i], rm.want, rv.want)
						break
					}
				}
				continue
			}
			if !slices.EqualFunc(mean, firstMean, sameBits) || !slices.EqualFunc(variance, firstVar, sameBits) {
				t.Errorf("%s: result differs from the one with 1 worker", name)
			}
		}
	}
}

func TestMeanVarErrors(t *testing.T) {
	x := arrayOf(make([]float64, 12), 0, []int{3, 4}, []int{4, 1})
	m := arrayOf(make([]float64, 3), 0, []int{3}, []int{1})
	v := arrayOf(make([]float64, 3), 0, []int{3}, []int{1})
	vStrided := arrayOf(make([]float64, 6), 0, []int{3}, []int{2})
	f32 := arrayOf(make([]float32, 3), 0, []int{3}, []int{1})
	wrong := arrayOf(make([]float64, 4), 0, []int{4}, []int{1})
	wantCode(t, MeanVar(x, 1, m, vStrided, 0, 1, nil), ValueError, "outputs with different strides")
	wantCode(t, MeanVar(x, 1, m, f32, 0, 1, nil), TypeError, "float32 variance output")
	wantCode(t, MeanVar(x, 1, wrong, wrong, 0, 1, nil), ValueError, "outputs of the wrong shape")
	wantCode(t, MeanVar(x, 3, m, v, 0, 1, nil), ValueError, "too many reduced axes")
	empty := arrayOf(make([]float64, 1), 0, []int{3, 0}, []int{4, 1})
	wantCode(t, MeanVar(empty, 1, m, v, 0, 1, nil), ValueError, "zero-size reduction")
}

// subDivCase is one layout of SubDiv's statistics: how sub and div are
// broadcast to x's shape.
type subDivCase struct {
	name     string
	shape    []int
	out      layoutKind
	sub, div func(shape []int) []int // element strides of a float64 statistics array
}

func scalarStats(shape []int) []int { return make([]int, len(shape)) }

// perLastAxis: one value per index of the last axis, as StandardScaler's
// per-column statistics (stride 0 along the others).
func perLastAxis(shape []int) []int {
	s := make([]int, len(shape))
	s[len(s)-1] = 1
	return s
}

// perFirstAxis: one value per index of the first axis.
func perFirstAxis(shape []int) []int {
	s := make([]int, len(shape))
	s[0] = 1
	return s
}

func subDivCases() []subDivCase {
	return []subDivCase{
		{"scalar, C order", []int{5, 7}, cOrder, scalarStats, scalarStats},
		{"scalar, Fortran order", []int{5, 7}, fOrder, scalarStats, scalarStats},
		{"scalar, strided", []int{3, 4, 5}, anyLayout, scalarStats, scalarStats},
		{"per column, C order", []int{6, 9}, cOrder, perLastAxis, perLastAxis},
		{"per column, Fortran order", []int{6, 9}, fOrder, perLastAxis, perLastAxis},
		{"per column, strided", []int{6, 9}, anyLayout, perLastAxis, perLastAxis},
		{"per row, C order", []int{6, 9}, cOrder, perFirstAxis, perFirstAxis},
		{"per row, Fortran order", []int{6, 9}, fOrder, perFirstAxis, perFirstAxis},
		{"mixed statistics", []int{6, 9}, cOrder, perLastAxis, scalarStats},
		{"3-D per column", []int{2, 3, 4}, cOrder, perLastAxis, perLastAxis},
		{"0-d", []int{}, cOrder, scalarStats, scalarStats},
		{"empty", []int{2, 0}, cOrder, perLastAxis, perLastAxis},
		{"large per column", []int{300, 300}, cOrder, perLastAxis, perLastAxis},
		{"large scalar, Fortran order", []int{300, 300}, fOrder, scalarStats, scalarStats},
	}
}

func testSubDiv[T kernels.Float](t *testing.T, rng *rand.Rand) {
	for _, c := range subDivCases() {
		for _, inPlace := range []bool{false, true} {
			w := workerCounts[rng.IntN(len(workerCounts))]
			xs := randomStrides(rng, c.shape, c.out, false)
			if !inPlace {
				xs = randomStrides(rng, c.shape, anyLayout, false)
			}
			x := newOperand[T](c.shape, xs, 0)
			fillRandom(rng, x.buf)
			sub := newOperand[float64](c.shape, c.sub(c.shape), 0)
			div := newOperand[float64](c.shape, c.div(c.shape), 0)
			fillRandom(rng, sub.buf)
			fillRandom(rng, div.buf)
			div.buf[guard] = 0 // a zero divisor: inf or nan, as in NumPy
			xOrig := slices.Clone(x.buf)
			out := x
			if !inPlace {
				out = newOperand(c.shape, randomStrides(rng, c.shape, c.out, false), sentinel[T]())
			}
			name := fmt.Sprintf("%v %s shape %v x strides %v out strides %v in-place %v workers %d",
				dtypeOf[T](), c.name, c.shape, x.strides, out.strides, inPlace, w)
			if err := SubDiv(x.array(), sub.array(), div.array(), out.array(), w, nil); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			bad := 0
			forEachIndex(c.shape, func(idx []int) {
				// Computed in T, with the statistics rounded to T first.
				s, d := T(sub.buf[sub.at(idx)]), T(div.buf[div.at(idx)])
				want := (xOrig[x.at(idx)] - s) / d
				if got := out.buf[out.at(idx)]; !same(got, want) && bad < 3 {
					bad++
					t.Errorf("%s: at %v got %v, want %v", name, idx, got, want)
				}
			})
			checkUntouched(t, out, x, xOrig, inPlace, name)
		}
	}
}

func TestSubDiv(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	t.Run("float32", func(t *testing.T) { testSubDiv[float32](t, rng) })
	t.Run("float64", func(t *testing.T) { testSubDiv[float64](t, rng) })
}

func TestSubDivErrors(t *testing.T) {
	x := arrayOf(make([]float64, 6), 0, []int{2, 3}, []int{3, 1})
	s := arrayOf(make([]float64, 1), 0, []int{2, 3}, []int{0, 0})
	s32 := arrayOf(make([]float32, 1), 0, []int{2, 3}, []int{0, 0})
	sWrong := arrayOf(make([]float64, 1), 0, []int{3, 2}, []int{0, 0})
	i32 := arrayOf(make([]int32, 6), 0, []int{2, 3}, []int{3, 1})
	x32 := arrayOf(make([]float32, 6), 0, []int{2, 3}, []int{3, 1})
	wantCode(t, SubDiv(x, s32, s, x, 1, nil), TypeError, "float32 statistics")
	wantCode(t, SubDiv(x, s, sWrong, x, 1, nil), ValueError, "statistics of the wrong shape")
	wantCode(t, SubDiv(i32, s, s, i32, 1, nil), TypeError, "int32 data")
	wantCode(t, SubDiv(x32, s, s, x, 1, nil), TypeError, "float32 data into float64")
}
