package distance

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonp/kernels/cpu"
)

// TestBF16Of checks the rounding to bfloat16 against the nearest of the
// candidates around each value, ties to even, with NaN kept, overflow to
// Inf and values below the least normal flushed to signed zero.
func TestBF16Of(t *testing.T) {
	r := rand.New(rand.NewPCG(51, 52))
	value := func(h uint16) float64 { return bf16Value(uint32(h)) }
	check := func(v float32) {
		got := bf16Of(v)
		switch {
		case v != v:
			if value(got) == value(got) {
				t.Fatalf("bf16Of(NaN) = %#04x, not a NaN", got)
			}
			return
		case math.Abs(float64(v)) < 0x1p-126:
			if got != uint16(math.Float32bits(v)>>16)&0x8000 {
				t.Fatalf("bf16Of(%g) = %#04x, want signed zero", v, got)
			}
			return
		}
		// The nearest bfloat16: one of the truncation and the next one up
		// in magnitude (which may be Inf).
		lo := uint16(math.Float32bits(v) >> 16)
		x, a, b := float64(v), value(lo), value(lo+1)
		if math.IsInf(b, 0) {
			b = math.Copysign(0x1p128, b) // where the rounding overflows
		}
		want := lo
		if da, db := math.Abs(x-a), math.Abs(x-b); db < da || (db == da && lo&1 == 1) {
			want = lo + 1
		}
		if got != want {
			t.Fatalf("bf16Of(%g) = %#04x (%g), want %#04x (%g)", v, got, value(got), want, value(want))
		}
	}
	for _, v := range []float32{0, float32(math.Copysign(0, -1)), 1, -1, 1.00390625, 1.01171875, 3.4e38,
		math.MaxFloat32, -math.MaxFloat32, float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()),
		0x1p-126, -0x1p-126, 0x1p-127, 0x1p-149, 1e-30} {
		check(v)
	}
	for range 200000 {
		check(math.Float32frombits(r.Uint32()))
	}
}

// bf16Kinds are the data the bfloat16 screen's tests run on.
// "copies" has each A row within 1e-4 of a B row, far closer than the
// spread of the data: there the bfloat16 screen passes nearly every
// candidate and gives way to the float32 one.
var bf16Kinds = []string{"near", "offset", "scales", "tiny", "huge", "nonfinite", "ties", "normal", "copies"}

func bf16Case(r *rand.Rand, kind string, ma, mb, d int) (a, b []float64) {
	if kind != "normal" && kind != "copies" {
		return screenCase(r, kind, ma, mb, d)
	}
	a, b = make([]float64, ma*d), make([]float64, mb*d)
	for p := range a {
		a[p] = 3 + r.NormFloat64()
	}
	for p := range b {
		b[p] = 3 + r.NormFloat64()
	}
	if kind == "copies" {
		for i := range ma {
			j := r.IntN(mb)
			for p := range d {
				a[i*d+p] = b[j*d+p] + 1e-4*r.NormFloat64()
			}
		}
	}
	return a, b
}

// TestScreenBF16Bound checks the bound of screenBF16Threshold on the
// assembly tile (where the CPU has AVX512_BF16) and on its plain-Go
// contract: a candidate one ulp inside a list's last entry, as the float64
// tile computes the distance, must pass the screen, for every pair and
// every kind of data. On well-spread data most candidates at half that
// squared distance must be screened out, or the screen would do nothing.
func TestScreenBF16Bound(t *testing.T) {
	cpu.Each(func(lvl cpu.Level) {
		if !screens(Euclidean, 1) {
			return // no exact tile the bound is stated against
		}
		r := rand.New(rand.NewPCG(53, 54))
		for _, d := range []int{1, 2, 7, 64, 301} {
			for _, kind := range bf16Kinds {
				const ma, mb = 12, 100
				a, b := bf16Case(r, kind, ma, mb, d)
				// As PackScreened does for B, whatever the level.
				c := make([]float64, d)
				centreOf(c, b, mb, d, d, 1)
				dp := (d + 1) / 2
				blocks := (mb + screenLanes - 1) / screenLanes
				bp := make([]uint32, blocks*screenLanes*dp)
				nb2 := make([]float32, blocks*screenLanes)
				nb := packBF16Rows(bp, nb2, nil, screenLanes, b, 0, mb, d, d, 1, c)
				at := make([]uint32, 2*screenRows*dp)
				na := make([]float64, 2*screenRows)
				packBF16Rows(at, nil, na, screenRows, a, 0, ma, d, d, 1, c)
				full := make([]float64, ma*mb)
				Cdist(SqEuclidean, ma, mb, d, a, d, 1, b, d, 1, full, mb, 1)
				masks := make([]uint16, blocks*screenRows+1)
				thr := make([]float32, screenRows)
				screened, finite := 0, 0
				for _, half := range []bool{false, true} {
					for j := range mb {
						for tl := range 2 {
							for q := range screenRows {
								i := tl*screenRows + q
								last := full[i*mb+j]
								if half {
									last /= 2
								} else {
									last = math.Nextafter(last, math.Inf(1))
								}
								thr[q] = screenBF16Threshold(last, false, na[i], nb, d)
							}
							masks[len(masks)-1] = 0xbeef
							screenTileBF16(dp, blocks, at[tl*dp*screenRows:(tl+1)*dp*screenRows], bp, nb2, thr, masks)
							if masks[len(masks)-1] != 0xbeef {
								t.Fatalf("%v d=%d %s: wrote past the masks", lvl, d, kind)
							}
							for q := range screenRows {
								i := tl*screenRows + q
								pass := masks[j/screenLanes*screenRows+q]>>(j%screenLanes)&1 == 1
								switch {
								case !half && !pass:
									t.Fatalf("%v d=%d %s: A row %d, B row %d at %v screened out with last %v (thr %v)",
										lvl, d, kind, i, j, full[i*mb+j], math.Nextafter(full[i*mb+j], math.Inf(1)), thr[q])
								case half && full[i*mb+j] < math.Inf(1):
									finite++
									if !pass {
										screened++
									}
								}
							}
						}
					}
				}
				if kind == "normal" && screened < finite*9/10 {
					t.Errorf("%v d=%d %s: %d of %d candidates at half their distance screened out", lvl, d, kind, screened, finite)
				}
			}
		}
	})
}

// TestScreenBF16Tile checks the assembly tile against its plain-Go
// contract on random bfloat16 data, for 1 to 9 blocks (the four-block
// groups and the single blocks after them), NaN lanes and thresholds of
// +Inf and -1, skipping lanes within rounding of their threshold.
func TestScreenBF16Tile(t *testing.T) {
	r := rand.New(rand.NewPCG(55, 56))
	for _, dp := range []int{1, 2, 5, 32} {
		for blocks := 1; blocks <= 9; blocks++ {
			at := make([]uint32, dp*screenRows)
			bp := make([]uint32, blocks*dp*screenLanes)
			nb2 := make([]float32, blocks*screenLanes)
			pair := func() uint32 { return bf16Pair(float32(r.NormFloat64()), float32(r.NormFloat64())) }
			for p := range at {
				at[p] = pair()
			}
			for p := range bp {
				bp[p] = pair()
			}
			for l := range nb2 {
				nb2[l] = float32(2 * float64(dp) * r.Float64())
			}
			bp[3] = bf16Pair(float32(math.NaN()), 1)
			thr := make([]float32, screenRows)
			for i := range thr {
				thr[i] = float32(float64(dp) * (r.Float64() - 0.5))
			}
			thr[2] = float32(math.Inf(1))
			thr[3] = -1
			got := make([]uint16, blocks*screenRows+1)
			want := make([]uint16, blocks*screenRows)
			got[len(got)-1] = 0xbeef
			anyGot := screenTileBF16(dp, blocks, at, bp, nb2, thr, got)
			anyWant := screenBF16Generic(dp, blocks, at, bp, nb2, thr, want)
			for k := range blocks {
				for i := range screenRows {
					for l := range screenLanes {
						var s, mag float64
						for q := range dp {
							x, y := at[q*screenRows+i], bp[(k*dp+q)*screenLanes+l]
							p0, p1 := bf16Value(x)*bf16Value(y), bf16Value(x>>16)*bf16Value(y>>16)
							s += p0 + p1
							mag += math.Abs(p0) + math.Abs(p1)
						}
						w := float64(nb2[k*screenLanes+l]) - 2*s
						if math.Abs(w-float64(thr[i])) < 1e-5*(1+2*mag+float64(nb2[k*screenLanes+l])) {
							continue
						}
						if g, wt := got[k*screenRows+i]>>l&1, want[k*screenRows+i]>>l&1; g != wt {
							t.Fatalf("dp=%d blocks=%d: block %d row %d lane %d: mask %d, want %d (value %v, thr %v)",
								dp, blocks, k, i, l, g, wt, w, thr[i])
						}
					}
				}
			}
			if (anyGot == 0) != (anyWant == 0) {
				t.Fatalf("dp=%d blocks=%d: any %x, want %x", dp, blocks, anyGot, anyWant)
			}
			if got[len(got)-1] != 0xbeef {
				t.Fatalf("dp=%d blocks=%d: wrote past the masks", dp, blocks)
			}
		}
	}
}
