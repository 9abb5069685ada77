package dispatch

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"gonp/kernels/distance"
)

// knnByCdist is the definition Knn meets: the Cdist matrix, each row
// sorted stably (NaN last), cut to k.
func knnByCdist[T distance.Float](t *testing.T, metric distance.Metric, k int, a, b operand[T]) ([]float64, []int64) {
	ma, mb := a.shape[0], b.shape[0]
	full := newOperand([]int{ma, mb}, []int{mb, 1}, 0.0)
	if err := Cdist(metric, a.array(), b.array(), full.array(), 1, nil); err != nil {
		t.Fatal(err)
	}
	dist, idx := make([]float64, ma*k), make([]int64, ma*k)
	for i := range ma {
		row := full.buf[full.off+i*mb : full.off+(i+1)*mb]
		order := make([]int, mb)
		for j := range order {
			order[j] = j
		}
		key := func(v float64) (bool, float64) { return v != v, v }
		slices.SortStableFunc(order, func(x, y int) int {
			nx, vx := key(row[x])
			ny, vy := key(row[y])
			switch {
			case nx != ny:
				if nx {
					return 1
				}
				return -1
			case vx < vy:
				return -1
			case vx > vy:
				return 1
			}
			return 0
		})
		for r := range k {
			dist[i*k+r], idx[i*k+r] = row[order[r]], int64(order[r])
		}
	}
	return dist, idx
}

func testKnn[T distance.Float](t *testing.T, rng *rand.Rand) {
	for _, s := range [][4]int{{1, 1, 1, 1}, {5, 7, 3, 1}, {9, 7, 3, 7}, {300, 90, 4, 5}, {4, 6, 0, 2}, {0, 3, 2, 2}} {
		ma, mb, d, k := s[0], s[1], s[2], s[3]
		for _, metric := range metrics {
			la, lb := matrixLayouts[rng.IntN(len(matrixLayouts))], matrixLayouts[rng.IntN(len(matrixLayouts))]
			a := newOperand[T]([]int{ma, d}, matrixStrides(la, ma, d), 0)
			b := newOperand[T]([]int{mb, d}, matrixStrides(lb, mb, d), 0)
			fillRandom(rng, a.buf)
			fillRandom(rng, b.buf)
			if mb > 2 && d > 0 { // a duplicated row: a tie
				for p := range d {
					b.buf[b.at([]int{2, p})] = b.buf[b.at([]int{0, p})]
				}
			}
			dist := newOperand([]int{ma, k}, []int{k, 1}, -7.0)
			idx := newOperand([]int{ma, k}, []int{k, 1}, int64(-7))
			w := workerCounts[rng.IntN(len(workerCounts))]
			name := fmt.Sprintf("knn %v %v k=%d (%d×%d %s, %d×%d %s), workers %d", metric, dtypeOf[T](), k, ma, d, la, mb, d, lb, w)
			if err := Knn(metric, k, a.array(), b.array(), dist.array(), idx.array(), w, nil); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			wantD, wantI := knnByCdist(t, metric, k, a, b)
			gotD := dist.buf[dist.off : dist.off+ma*k]
			gotI := idx.buf[idx.off : idx.off+ma*k]
			for p := range wantD {
				if gotI[p] != wantI[p] || !sameBits(gotD[p], wantD[p]) {
					t.Fatalf("%s: entry %d = (%v, %d), want (%v, %d)", name, p, gotD[p], gotI[p], wantD[p], wantI[p])
				}
			}
			checkGuards(t, dist, -7.0, name)
			checkGuards(t, idx, int64(-7), name)
		}
	}
}

func TestKnn(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	t.Run("float64", func(t *testing.T) { testKnn[float64](t, rng) })
	t.Run("float32", func(t *testing.T) { testKnn[float32](t, rng) })
}

func TestKnnErrors(t *testing.T) {
	a := newOperand([]int{3, 2}, []int{2, 1}, 0.0)
	b := newOperand([]int{4, 2}, []int{2, 1}, 0.0)
	d := newOperand([]int{3, 2}, []int{2, 1}, 0.0)
	i := newOperand([]int{3, 2}, []int{2, 1}, int64(0))
	wantCode(t, Knn(distance.Euclidean, 5, a.array(), b.array(), d.array(), i.array(), 1, nil), ValueError, "k > mb")
	wantCode(t, Knn(distance.Canberra, 2, a.array(), b.array(), d.array(), i.array(), 1, nil), ValueError, "metric")
	wantCode(t, Knn(distance.Euclidean, 2, a.array(), b.array(), i.array(), i.array(), 1, nil), ValueError, "dist dtype")
	wantCode(t, Knn(distance.Euclidean, 1, a.array(), b.array(), d.array(), i.array(), 1, nil), ValueError, "dist shape")
	f := newOperand([]int{3, 2}, []int{1, 3}, 0.0)
	wantCode(t, Knn(distance.Euclidean, 2, a.array(), b.array(), f.array(), i.array(), 1, nil), ValueError, "dist layout")
	b32 := newOperand([]int{4, 2}, []int{2, 1}, float32(0))
	wantCode(t, Knn(distance.Euclidean, 2, a.array(), b32.array(), d.array(), i.array(), 1, nil), TypeError, "dtypes")
}
