package distance

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonp/kernels/cpu"
)

// screenCase fills A and B (ma×d and mb×d) with values built to probe the
// float32 screen of Knn: near-ties closer than float32 can tell apart,
// large offsets, magnitudes past float32's range or below its normal one,
// NaN and Inf.
func screenCase(r *rand.Rand, kind string, ma, mb, d int) (a, b []float64) {
	a, b = make([]float64, ma*d), make([]float64, mb*d)
	switch kind {
	case "near":
		// Every B row is one base row nudged in its last bits, and A rows
		// lie near it, so most distances agree to float32 precision.
		base := make([]float64, d)
		for p := range base {
			base[p] = r.NormFloat64()
		}
		for j := range mb {
			for p := range d {
				b[j*d+p] = base[p] * (1 + 1e-13*r.NormFloat64())
			}
		}
		for i := range ma {
			for p := range d {
				a[i*d+p] = base[p] + 1e-3*r.NormFloat64()
			}
		}
	case "offset":
		for p := range a {
			a[p] = 1e6 + 1e-3*r.NormFloat64()
		}
		for p := range b {
			b[p] = 1e6 + 1e-3*r.NormFloat64()
		}
	case "scales":
		// Each row at its own magnitude, 1e-45 to 1e45.
		for i := range ma {
			s := math.Pow(10, float64(r.IntN(91)-45))
			for p := range d {
				a[i*d+p] = s * r.NormFloat64()
			}
		}
		for j := range mb {
			s := math.Pow(10, float64(r.IntN(91)-45))
			for p := range d {
				b[j*d+p] = s * r.NormFloat64()
			}
		}
	case "tiny":
		for p := range a {
			a[p] = 1e-40 * r.NormFloat64()
		}
		for p := range b {
			b[p] = 1e-40 * r.NormFloat64()
		}
	case "huge":
		for p := range a {
			a[p] = 1e20 * r.NormFloat64()
		}
		for p := range b {
			b[p] = 1e20 * r.NormFloat64()
		}
	case "nonfinite":
		for p := range a {
			a[p] = r.NormFloat64()
		}
		for p := range b {
			b[p] = r.NormFloat64()
		}
		for j := 3; j < mb; j += 37 {
			b[j*d+j%d] = []float64{math.NaN(), math.Inf(1), math.Inf(-1), 1e300}[j%4]
		}
		if ma > 2 {
			a[d+1] = math.Inf(1)
			a[2*d] = math.NaN()
		}
	default: // "ties": integer values, repeated rows
		for p := range a {
			a[p] = math.Round(2 * r.NormFloat64())
		}
		for p := range b {
			b[p] = math.Round(2 * r.NormFloat64())
		}
		for j := 5; j < mb; j += 7 {
			copy(b[j*d:(j+1)*d], b[(j-5)*d:(j-4)*d])
		}
	}
	return a, b
}

// TestKnnScreen checks Knn against the stably sorted Cdist matrix on inputs
// that span several chunks of B, so the float32 screen runs, at every level.
func TestKnnScreen(t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(31, 32))
		for _, sh := range []struct{ ma, mb, d, k int }{
			{13, 1000, 64, 10}, {7, 2300, 3, 1}, {20, 900, 33, 3}, {6, 1300, 64, 500},
		} {
			for _, kind := range bf16Kinds {
				for _, metric := range []Metric{Euclidean, SqEuclidean} {
					a, b := bf16Case(r, kind, sh.ma, sh.mb, sh.d)
					wantD, wantI := refKnn(metric, sh.k, sh.ma, sh.mb, sh.d, a, b)
					gotD, gotI := make([]float64, sh.ma*sh.k), make([]int64, sh.ma*sh.k)
					Knn(metric, sh.k, sh.ma, sh.mb, sh.d, a, sh.d, 1, b, sh.d, 1, gotD, gotI)
					checkKnnEntries(t, fmt.Sprintf("%v %s %+v", metric, kind, sh), gotD, gotI, wantD, wantI)
					// With B packed beforehand: the bfloat16 screen where
					// the CPU has it.
					knnPackedHalves(metric, sh.k, sh.ma, sh.mb, sh.d, a, b, gotD, gotI)
					checkKnnEntries(t, fmt.Sprintf("%v %s %+v packed", metric, kind, sh), gotD, gotI, wantD, wantI)
				}
			}
		}
	})
}

// TestKnnScreenLayouts runs the screen on float32 input and on
// column-major and strided views.
func TestKnnScreenLayouts(t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(33, 34))
		const ma, mb, d, k = 17, 1500, 20, 4
		a, b := screenCase(r, "near", ma, mb, d)
		a32, b32 := make([]float32, len(a)), make([]float32, len(b))
		for p := range a {
			a32[p], a[p] = float32(a[p]), float64(float32(a[p]))
		}
		for p := range b {
			b32[p], b[p] = float32(b[p]), float64(float32(b[p]))
		}
		wantD, wantI := refKnn(Euclidean, k, ma, mb, d, a, b)
		gotD, gotI := make([]float64, ma*k), make([]int64, ma*k)
		Knn(Euclidean, k, ma, mb, d, a32, d, 1, b32, d, 1, gotD, gotI)
		if !slices.Equal(gotD, wantD) || !slices.Equal(gotI, wantI) {
			t.Fatalf("float32: got %v %v, want %v %v", gotD, gotI, wantD, wantI)
		}
		// A column-major, B every other element of a wider buffer.
		aT := make([]float64, ma*d)
		for i := range ma {
			for p := range d {
				aT[i+p*ma] = a[i*d+p]
			}
		}
		bS := make([]float64, 2*mb*d)
		for p := range b {
			bS[2*p] = b[p]
		}
		clear(gotD)
		Knn(Euclidean, k, ma, mb, d, aT, 1, ma, bS, 2*d, 2, gotD, gotI)
		if !slices.Equal(gotD, wantD) || !slices.Equal(gotI, wantI) {
			t.Fatalf("strided: got %v %v, want %v %v", gotD, gotI, wantD, wantI)
		}
	})
}

// TestScreenThresholdBound checks the property the screen rests on: the
// float32 sum of a candidate at or below the threshold's squared distance
// never passes the threshold, for rows built to sit at the edge.
func TestScreenThresholdBound(t *testing.T) {
	r := rand.New(rand.NewPCG(35, 36))
	for range 2000 {
		d := 1 + r.IntN(70)
		scale := math.Pow(10, float64(r.IntN(60)-30))
		x, y := make([]float64, d), make([]float64, d)
		var na, nb float64
		for p := range d {
			x[p] = scale * r.NormFloat64()
			y[p] = x[p] + scale*1e-3*r.NormFloat64()
			na += x[p] * x[p]
			nb += y[p] * y[p]
		}
		var exact, s32 float64
		var acc float32
		for p := range d {
			u := x[p] - y[p]
			exact = math.FMA(u, u, exact)
			v := float32(x[p]) - float32(y[p])
			acc = float32(math.FMA(float64(v), float64(v), float64(acc)))
		}
		s32 = float64(acc)
		for _, root := range []bool{false, true} {
			last := exact
			if root {
				last = math.Sqrt(exact)
			}
			thr := screenThreshold(last, root, math.Sqrt(na), math.Sqrt(nb), d)
			if s32 > float64(thr) {
				t.Fatalf("d=%d scale=%g root=%v: float32 sum %v passes threshold %v of its own distance %v",
					d, scale, root, s32, thr, exact)
			}
		}
	}
	for _, last := range []float64{math.NaN(), math.Inf(1), 1e300} {
		if thr := screenThreshold(last, true, 1, 1, 4); !math.IsInf(float64(thr), 1) {
			t.Errorf("last %v: threshold %v, want +Inf", last, thr)
		}
	}
}

// TestScreenTile checks the float32 screening kernel's masks against the
// plain-Go contract away from the thresholds (where the fused and unfused
// float32 sums cannot differ in their comparison), at every level.
func TestScreenTile(t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(37, 38))
		for _, d := range []int{0, 1, 2, 7, 64, 65} {
			for _, blocks := range []int{0, 1, 2, 3, 4} {
				at := make([]float32, screenRows*d)
				bp := make([]float32, blocks*screenLanes*d)
				for p := range at {
					at[p] = float32(r.NormFloat64())
				}
				for p := range bp {
					bp[p] = float32(r.NormFloat64())
				}
				if len(bp) > 5 {
					bp[5] = float32(math.NaN())
				}
				thr := make([]float32, screenRows)
				for i := range thr {
					thr[i] = float32(2 * d)
				}
				thr[2] = float32(math.Inf(1))
				thr[3] = -1
				got := make([]uint16, blocks*screenRows+1)
				want := make([]uint16, blocks*screenRows)
				got[len(got)-1] = 0xbeef
				anyGot := screenTile(d, blocks, at, bp, thr, got)
				anyWant := screenTileGeneric(d, blocks, at, bp, thr, want)
				// Compare lanes whose sum is not within 1e-3 of the threshold.
				for k := range blocks {
					for i := range screenRows {
						for l := range screenLanes {
							var s float64
							for p := range d {
								u := float64(at[p*screenRows+i]) - float64(bp[(k*d+p)*screenLanes+l])
								s += u * u
							}
							if math.Abs(s-float64(thr[i])) < 1e-3*(1+s) {
								continue
							}
							g, w := got[k*screenRows+i]>>l&1, want[k*screenRows+i]>>l&1
							if g != w {
								t.Fatalf("d=%d blocks=%d: block %d row %d lane %d: mask %d, want %d (sum %v, thr %v)",
									d, blocks, k, i, l, g, w, s, thr[i])
							}
						}
					}
				}
				if (anyGot == 0) != (anyWant == 0) {
					t.Fatalf("d=%d blocks=%d: any %x, want %x", d, blocks, anyGot, anyWant)
				}
				if got[len(got)-1] != 0xbeef {
					t.Fatalf("d=%d blocks=%d: wrote past the masks", d, blocks)
				}
			}
		}
	})
}

// BenchmarkScreenTile times the float32 screening tile alone on one chunk
// of 384 B rows of 64 elements, at every level.
func BenchmarkScreenTile(b *testing.B) {
	const d, blocks = 64, 24
	r := rand.New(rand.NewPCG(39, 40))
	at := make([]float32, screenRows*d)
	bp := make([]float32, blocks*screenLanes*d)
	for p := range at {
		at[p] = float32(r.NormFloat64())
	}
	for p := range bp {
		bp[p] = float32(r.NormFloat64())
	}
	thr := make([]float32, screenRows)
	masks := make([]uint16, blocks*screenRows)
	for _, lvl := range cpu.Levels() {
		b.Run(lvl.String(), func(b *testing.B) {
			defer cpu.Set(cpu.Set(lvl))
			for b.Loop() {
				screenTile(d, blocks, at, bp, thr, masks)
			}
			b.ReportMetric(float64(screenRows*blocks*screenLanes*d)*float64(b.N)/b.Elapsed().Seconds()/1e9, "Gterms/s")
		})
	}
}

// TestKnnPacked checks that Knn over row ranges of A sharing one packed B
// gives Knn's result, and that a B packed for another shape is refused.
func TestKnnPacked(t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(41, 42))
		const ma, mb, d, k = 40, 1700, 24, 5
		for _, kind := range []string{"near", "ties", "nonfinite"} {
			a, b := screenCase(r, kind, ma, mb, d)
			for _, metric := range []Metric{Euclidean, SqEuclidean, Cityblock} {
				wantD, wantI := make([]float64, ma*k), make([]int64, ma*k)
				Knn(metric, k, ma, mb, d, a, d, 1, b, d, 1, wantD, wantI)
				pb := PackScreened(metric, mb, d, b, d, 1, 1<<30)
				if (pb != nil) != screens(metric, d) {
					t.Fatalf("%v %s: packed %v, screens %v", metric, kind, pb != nil, screens(metric, d))
				}
				gotD, gotI := make([]float64, ma*k), make([]int64, ma*k)
				for lo := 0; lo < ma; lo += 13 {
					hi := min(lo+13, ma)
					KnnPacked(pb, metric, k, hi-lo, mb, d, a[lo*d:], d, 1, b, d, 1, gotD[lo*k:hi*k], gotI[lo*k:hi*k])
				}
				for p := range wantD {
					if gotI[p] != wantI[p] || !sameBits(gotD[p], wantD[p]) {
						t.Fatalf("%v %s: entry %d: got (%v, %d), want (%v, %d)", metric, kind, p, gotD[p], gotI[p], wantD[p], wantI[p])
					}
				}
			}
		}
		if pb := PackScreened(Euclidean, 100, 4, make([]float64, 400), 4, 1, 100); pb != nil {
			t.Errorf("PackScreened ignored maxBytes")
		}
		pb := PackScreened(Euclidean, 100, 4, make([]float64, 400), 4, 1, 1<<20)
		if pb == nil {
			if screens(Euclidean, 4) {
				t.Fatalf("PackScreened: nil")
			}
			return
		}
		defer func() {
			if msg := recover(); msg != errKnnPacked {
				t.Errorf("KnnPacked with another shape: panic %v, want %q", msg, errKnnPacked)
			}
		}()
		KnnPacked(pb, Euclidean, 1, 1, 99, 4, make([]float64, 4), 4, 1, make([]float64, 396), 4, 1, make([]float64, 1), make([]int64, 1))
	})
}

// FuzzKnn runs Knn at every level on B wide enough for the float32 screen
// to run (rows past one chunk), on the probing inputs of screenCase with
// NaN, ±Inf, zeros and huge values dropped in, against the stably sorted
// Cdist matrix (refKnn), entry for entry and bit for bit.
func FuzzKnn(f *testing.F) {
	f.Add(uint64(1), uint8(0), uint8(3), uint8(40), uint8(0), uint8(9), uint8(0))
	f.Add(uint64(2), uint8(1), uint8(11), uint8(200), uint8(40), uint8(0), uint8(5))
	f.Add(uint64(3), uint8(2), uint8(6), uint8(255), uint8(7), uint8(1), uint8(3))
	kinds := bf16Kinds
	f.Fuzz(func(t *testing.T, seed uint64, kind8, ma8, mb8, d8, k8, specials8 uint8) {
		ma, mb, d := int(ma8)%21, 300+4*int(mb8), 24+int(d8)%57
		k := 1 + int(k8)%20
		metric := []Metric{Euclidean, SqEuclidean}[int(kind8)/len(kinds)%2]
		cpu.Each(func(cpu.Level) {
			r := rand.New(rand.NewPCG(seed, 5))
			a, b := bf16Case(r, kinds[int(kind8)%len(kinds)], ma, mb, d)
			odd := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, 1e300, -3e200}
			for range int(specials8) % 16 {
				if len(a) > 0 && r.IntN(2) == 0 {
					a[r.IntN(len(a))] = odd[r.IntN(len(odd))]
				} else {
					b[r.IntN(len(b))] = odd[r.IntN(len(odd))]
				}
			}
			wantD, wantI := refKnn(metric, k, ma, mb, d, a, b)
			gotD, gotI := make([]float64, ma*k), make([]int64, ma*k)
			Knn(metric, k, ma, mb, d, a, d, 1, b, d, 1, gotD, gotI)
			what := fmt.Sprintf("%v %dx%d vs %d k=%d", metric, ma, d, mb, k)
			checkKnnEntries(t, what, gotD, gotI, wantD, wantI)
			knnPackedHalves(metric, k, ma, mb, d, a, b, gotD, gotI)
			checkKnnEntries(t, what+" packed", gotD, gotI, wantD, wantI)
		})
	})
}

// checkKnnEntries fails t unless Knn's results match the reference entry
// for entry, distances bit for bit.
func checkKnnEntries(t *testing.T, what string, gotD []float64, gotI []int64, wantD []float64, wantI []int64) {
	t.Helper()
	for p := range wantD {
		if gotI[p] != wantI[p] || !sameBits(gotD[p], wantD[p]) {
			t.Fatalf("%s: entry %d: got (%v, %d), want (%v, %d)", what, p, gotD[p], gotI[p], wantD[p], wantI[p])
		}
	}
}

// knnPackedHalves runs KnnPacked as the dispatcher does, B packed once
// (PackScreened) and A in two row ranges, into dist and idx.
func knnPackedHalves(metric Metric, k, ma, mb, d int, a, b []float64, dist []float64, idx []int64) {
	pb := PackScreened(metric, mb, d, b, d, 1, 1<<30)
	defer pb.Release()
	for _, r := range [][2]int{{0, ma / 2}, {ma / 2, ma}} {
		lo, hi := r[0], r[1]
		KnnPacked(pb, metric, k, hi-lo, mb, d, a[lo*d:], d, 1, b, d, 1, dist[lo*k:hi*k], idx[lo*k:hi*k])
	}
}
