package distance

import (
	"math"
)

// Knn's bfloat16 screen, where the CPU has AVX512_BF16 and B was packed
// beforehand (PackScreened). It is the float32 screen of knn_screen.go with
// half the work per pair: instead of summing (a-b)², it forms
// ‖b'‖² - 2a'·b' for a' = a - c, b' = b - c (c: B's column means, so the
// norms stay near the spread of the data), with the dot product taken over
// bfloat16 copies of a' and b' by VDPBF16PS, two products per float32 lane
// and instruction, twice the rate of float32 fused multiply-adds. Rounding
// to bfloat16 (8 significant bits) makes the dot product's error bound
// about 2⁻⁷‖a'‖‖b'‖, far wider than the float32 screen's, so more
// candidates pass; each of those has its distance computed exactly, as
// before, and the results stay those of the unscreened computation. Where
// the bound is too wide for the data (points much closer together than
// their spread), the candidates that pass outnumber those that enter the
// lists, and the screen falls back to float32 for the rest of the rows.

// bf16Pair packs two float32 values as bfloat16 halves of a uint32, low
// half first: the layout VDPBF16PS reads.
func bf16Pair(lo, hi float32) uint32 { return uint32(bf16Of(lo)) | uint32(bf16Of(hi))<<16 }

// bf16Of rounds v to bfloat16, to nearest even, keeping NaN a NaN and
// flushing values below the smallest normal to zero, as VDPBF16PS reads its
// inputs (it treats subnormals as zero).
func bf16Of(v float32) uint16 {
	bits := math.Float32bits(v)
	switch {
	case v != v:
		return 0x7fc0
	case bits&0x7f800000 == 0:
		return uint16(bits>>16) & 0x8000
	}
	bits += 0x7fff + (bits>>16)&1
	return uint16(bits >> 16)
}

// screenBF16Threshold is the float32 threshold of a row whose list ends at
// last (a Euclidean distance if root, else a squared one), for centred A row
// norm na (‖a'‖), largest centred B row norm nb in the chunk and rows of d
// elements. A candidate whose screened value w = fl(‖b'‖² - 2·σ), σ the
// bfloat16 dot product, is greater lies at a float64 squared distance, as
// the tile computes it, at or past the last entry's, so it cannot enter.
//
// The bound. With ε = 2⁻⁸ + 2⁻²² (float64 to float32 to bfloat16, each to
// nearest) and η = 2⁻¹²⁶ (values below it flushed), each bfloat16 copy
// differs from a'_p by at most ε|a'_p| + η, so, by Cauchy–Schwarz,
// |σ - a'·b'| ≤ κ‖a'‖‖b'‖ + ζ with κ = 2ε + ε² + γ_d(1+ε)², γ_d = du/(1-du)
// for the float32 sums (u = 2⁻²⁴, however VDPBF16PS orders its two
// roundings per lane), and ζ covering η and flushed partial sums. The
// float32 ‖b'‖² and the final fused multiply-add add u-sized terms. Then
// ‖a'-b'‖² ≥ ‖a'‖² + w - err. The centring (a - c, b - c in float64) moves
// ‖a-b‖ by at most 2⁻⁵²(‖a'‖+‖b'‖), and the float64 tile's sum is within
// 2du₆₄ of the exact squared distance; θ below accounts for both. Every
// float64 rounding in this function is covered by the 1e-9 slack.
func screenBF16Threshold(last float64, root bool, na, nb float64, d int) float32 {
	tau := last
	if root {
		tau = last * last
	}
	if !(tau < math.Inf(1)) || !(tau >= 0) {
		return float32(math.Inf(1))
	}
	// Past a quarter of float32's range the screened value itself might
	// overflow; pass everything.
	if !(nb*nb+2*na*nb <= math.MaxFloat32/4) {
		return float32(math.Inf(1))
	}
	const u, u64, eta = 0x1p-24, 0x1p-53, 0x1p-126
	const eps = 0x1p-8 + 0x1p-22
	fd := float64(d)
	tau = tau*(1+4*fd*u64) + 1e-300
	theta := math.Sqrt(tau) + 2*u64*(na+nb)
	theta *= theta
	g := fd * u / (1 - fd*u)
	kappa := 2*eps + eps*eps + g*(1+eps)*(1+eps)
	zeta := 4*math.Sqrt(fd)*eta*(na+nb+1) + 4*fd*eta
	ab := na * nb
	err := 2*kappa*ab + 2*zeta + // the dot product
		u*(1.01*nb*nb+2*(1+kappa)*ab+2*zeta) + // the fused multiply-add
		(u+4*fd*u64)*nb*nb + 0x1p-148 // the float32 ‖b'‖²
	t := theta - na*na + err
	t += 1e-9 * (theta + na*na + err)
	if !(math.Abs(t) <= math.MaxFloat32/2) {
		return float32(math.Inf(1))
	}
	t32 := float32(t)
	if float64(t32) < t {
		t32 = math.Nextafter32(t32, float32(math.Inf(1)))
	}
	return t32
}

// screenBF16Generic is the contract of screenTileBF16 in plain Go, with the
// dot products summed in float64 (the assembly's float32 sums differ from it
// within the bound above): for k < blocks, i < screenRows and l <
// screenLanes it forms σ = Σ_q of the two products of the bfloat16 pairs
// at[q*screenRows+i] and bp[(k*dp+q)*screenLanes+l], and sets bit l of
// masks[k*screenRows+i] unless nb2[k*screenLanes+l] - 2σ is greater than
// thr[i]. It returns the or of all the masks.
func screenBF16Generic(dp, blocks int, at, bp []uint32, nb2, thr []float32, masks []uint16) uint64 {
	var any uint64
	for k := range blocks {
		for i := range screenRows {
			var m uint16
			for l := range screenLanes {
				var s float64
				for q := range dp {
					x, y := at[q*screenRows+i], bp[(k*dp+q)*screenLanes+l]
					s += bf16Value(x)*bf16Value(y) + bf16Value(x>>16)*bf16Value(y>>16)
				}
				if !(float64(nb2[k*screenLanes+l])-2*s > float64(thr[i])) {
					m |= 1 << l
				}
			}
			masks[k*screenRows+i] = m
			any |= uint64(m)
		}
	}
	return any
}

// bf16Value is the value of the bfloat16 in the low half of x.
func bf16Value(x uint32) float64 { return float64(math.Float32frombits(x << 16)) }

// centreOf sets c[p] to the mean of the finite values of column p of X
// (n×d, element (j, p) at x[j*rs + p*cs]), 0 where there are none.
func centreOf[T Float](c []float64, x []T, n, d, rs, cs int) {
	for p := range d {
		var s float64
		m := 0
		for j := range n {
			if v := float64(x[j*rs+p*cs]); v-v == 0 {
				s += v
				m++
			}
		}
		c[p] = 0
		if m > 0 {
			if c[p] = s / float64(m); c[p]-c[p] != 0 {
				c[p] = 0
			}
		}
	}
}

// packBF16Rows packs rows [j0, j0+n) of X, centred by c, into dst as blocks
// of `width` rows, each [q][l] of bfloat16 pairs (dims 2q and 2q+1, the
// missing odd dim 0), with zero rows past n up to whole blocks. It sets
// norm2[l] (when norm2 is not nil) to each row's ‖x - c‖² in float32, and
// norm[l] (when not nil) to its float64 norm ‖x - c‖; it returns the largest
// of those norms (+Inf if one overflows, NaN if one is NaN).
func packBF16Rows[T Float](dst []uint32, norm2 []float32, norm []float64, width int, x []T, j0, n, d, rs, cs int, c []float64) float64 {
	dp := (d + 1) / 2
	blocks := (n + width - 1) / width
	var big float64
	var pair [2]float32
	for j := range blocks * width {
		at := dst[j/width*dp*width+j%width:]
		if j >= n {
			for q := range dp {
				at[q*width] = 0
			}
			if norm2 != nil {
				norm2[j] = 0
			}
			continue
		}
		base := (j0 + j) * rs
		var ss float64
		for q := range dp {
			for h := range 2 {
				pair[h] = 0
				if p := 2*q + h; p < d {
					v := float64(x[base+p*cs]) - c[p]
					ss += v * v
					pair[h] = float32(v)
				}
			}
			at[q*width] = bf16Pair(pair[0], pair[1])
		}
		if norm2 != nil {
			norm2[j] = float32(ss)
		}
		nr := math.Sqrt(ss)
		if norm != nil {
			norm[j] = nr
		}
		if !(nr <= big) {
			big = nr
		}
	}
	return big
}
