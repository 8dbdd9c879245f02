package render

import (
	"encoding/binary"
	"math"
	"testing"
)

// TestSRGBProfile reads the output intent's ICC profile as a colour
// management system does (ICC.1:2001-04): the header's size and signatures,
// the nine tags an RGB display profile must have, each inside the profile,
// and a tone curve that follows sRGB's transfer function between its points.
func TestSRGBProfile(t *testing.T) {
	p := srgbProfile()
	be := binary.BigEndian
	if int(be.Uint32(p)) != len(p) || p[8] != 2 || string(p[12:24]) != "mntrRGB XYZ " || string(p[36:40]) != "acsp" {
		t.Fatalf("header: size %d of %d, version %d, %q, %q", be.Uint32(p), len(p), p[8], p[12:24], p[36:40])
	}
	if d50 := p[68:80]; be.Uint32(d50) != 0xF6D6 || be.Uint32(d50[4:]) != 0x10000 || be.Uint32(d50[8:]) != 0xD32D {
		t.Errorf("the connection space's illuminant is %x, not D50", d50)
	}
	tags := map[string][]byte{}
	n := int(be.Uint32(p[128:]))
	for i := range n {
		e := p[132+12*i:]
		off, size := int(be.Uint32(e[4:])), int(be.Uint32(e[8:]))
		if off%4 != 0 || off < 132+12*n || off+size > len(p) {
			t.Fatalf("tag %q at %d, %d bytes: outside the profile or not aligned", e[:4], off, size)
		}
		tags[string(e[:4])] = p[off : off+size]
	}
	for sig, kind := range map[string]string{"desc": "desc", "cprt": "text", "wtpt": "XYZ ", "rXYZ": "XYZ ", "gXYZ": "XYZ ", "bXYZ": "XYZ ", "rTRC": "curv", "gTRC": "curv", "bTRC": "curv"} {
		if d := tags[sig]; len(d) < 12 || string(d[:4]) != kind {
			t.Errorf("tag %s is missing or not of type %q", sig, kind)
		}
	}
	// The primaries add up to the D50 white of the connection space.
	var sum [3]float64
	for _, sig := range []string{"rXYZ", "gXYZ", "bXYZ"} {
		for k := range 3 {
			sum[k] += float64(int32(be.Uint32(tags[sig][8+4*k:]))) / 65536
		}
	}
	if math.Abs(sum[0]-0.9642) > 0.001 || math.Abs(sum[1]-1) > 0.001 || math.Abs(sum[2]-0.8249) > 0.001 {
		t.Errorf("the primaries add up to %v, not D50", sum)
	}
	curve := tags["rTRC"]
	points := int(be.Uint32(curve[8:]))
	sample := func(v float64) float64 { // linear interpolation, as a CMM does
		x := v * float64(points-1)
		i := min(int(x), points-2)
		a, b := float64(be.Uint16(curve[12+2*i:])), float64(be.Uint16(curve[14+2*i:]))
		return (a + (b-a)*(x-float64(i))) / 65535
	}
	worst := 0.0
	for k := range 1001 {
		v := float64(k) / 1000
		worst = max(worst, math.Abs(sample(v)-srgbLinear(v)))
	}
	if worst > 0.001 {
		t.Errorf("the tone curve is %.4f off sRGB's transfer function, want at most 0.001", worst)
	}
}
