package dispatch

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonp/kernels/distance"
)

// TestBooleanCountsMatchPairs checks that the count-product path of the
// boolean metrics on 0/1 data gives, bit for bit, the pairwise kernel's
// distances, for cdist and pdist, several block sizes and thread counts,
// and that data with another value take the pairwise path.
func TestBooleanCountsMatchPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(51, 52))
	noW := newOperand([]int{0}, []int{1}, 0.0)
	for _, s := range [][3]int{{1, 1, 1}, {5, 9, 7}, {300, 270, 13}, {3, 4, 0}} {
		ma, mb, d := s[0], s[1], s[2]
		a := newOperand([]int{ma, d}, []int{d, 1}, 0.0)
		b := newOperand([]int{mb, d}, matrixStrides("F", mb, d), 0.0)
		for i := range a.buf {
			a.buf[i] = float64(rng.IntN(2))
		}
		for i := range b.buf {
			b.buf[i] = float64(rng.IntN(2))
		}
		for m := distance.Hamming; m <= distance.Yule; m++ {
			name := fmt.Sprintf("%v %v", m, s)
			want := make([]float64, ma*mb)
			bb := b.buf[b.off:]
			distance.CdistPairs(m, distance.Params{}, ma, mb, d, a.buf[a.off:], d, 1, bb, b.strides[0], b.strides[1], want, mb, 1)
			out := newOperand([]int{ma, mb}, []int{mb, 1}, -3.0)
			w := workerCounts[rng.IntN(len(workerCounts))]
			if err := CdistParams(m, 2, noW.array(), a.array(), b.array(), out.array(), w, nil); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for k, v := range want {
				if got := out.buf[out.off+k]; !sameBits(got, v) {
					t.Fatalf("%s: cdist entry %d = %v, want %v", name, k, got, v)
				}
			}
			np := ma * (ma - 1) / 2
			wantP := make([]float64, np)
			if ma > 1 {
				distance.PdistPairs(m, distance.Params{}, ma, d, a.buf[a.off:], d, 1, 0, ma-1, wantP)
			}
			outP := newOperand([]int{np}, []int{1}, -3.0)
			if err := PdistParams(m, 2, noW.array(), a.array(), outP.array(), w, nil); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for k, v := range wantP {
				if got := outP.buf[outP.off+k]; !sameBits(got, v) {
					t.Fatalf("%s: pdist entry %d = %v, want %v", name, k, got, v)
				}
			}
			checkGuards(t, out, -3.0, name)
			checkGuards(t, outP, -3.0, name)
		}
	}
	// A 2 in the data: not 0/1, so the pairwise path (hamming compares values).
	a := newOperand([]int{2, 2}, []int{2, 1}, 0.0)
	copy(a.buf[a.off:], []float64{1, 2, 1, 1})
	out := newOperand([]int{2, 2}, []int{2, 1}, 0.0)
	if err := CdistParams(distance.Hamming, 2, noW.array(), a.array(), a.array(), out.array(), 1, nil); err != nil {
		t.Fatal(err)
	}
	if got := out.buf[out.off+1]; got != 0.5 {
		t.Fatalf("hamming([1 2], [1 1]) = %v, want 0.5", got)
	}
	if _, _, ok := indicator(a.array()); ok {
		t.Fatal("indicator accepted a 2")
	}
}
