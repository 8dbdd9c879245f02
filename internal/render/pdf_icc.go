package render

import (
	"bytes"
	"encoding/binary"
	"math"
	"sync"
)

// The output intent of PDF/A-2 (ISO 19005-2, 6.2.3) names the colour space the
// device colours of the edition mean, sRGB (IEC 61966-2.1), by an ICC profile
// of version 4 or below, monitor or printer class. fsn writes its own minimal
// display profile of version 2.1 (ICC.1:2001-04): the nine tags that
// ICC.1 requires of an RGB display profile, with sRGB's white point and its
// primaries adapted to the D50 connection space (the values every sRGB
// profile carries), and one tone curve shared by the three channels that
// samples sRGB's transfer function. It is 0.6 KB, where a general-purpose
// profile with curves of 1024 points is 7 KB; colour management interpolates
// between the points, 0.1 % off the function at most.

// srgbCurvePoints is the number of samples in the tone curve.
const srgbCurvePoints = 64

// srgbLinear is sRGB's transfer function: the linear light of an encoded
// value v in [0, 1] (IEC 61966-2.1, 5.2).
func srgbLinear(v float64) float64 {
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

// srgbProfile is the ICC profile of the output intent, built once.
var srgbProfile = sync.OnceValue(func() []byte {
	xyz := func(x, y, z float64) []byte {
		b := []byte("XYZ \x00\x00\x00\x00")
		for _, v := range []float64{x, y, z} {
			b = binary.BigEndian.AppendUint32(b, uint32(int32(math.Round(v*65536))))
		}
		return b
	}
	ascii := func(kind, s string) []byte {
		b := append([]byte(kind+"\x00\x00\x00\x00"), []byte(s)...)
		return append(b, 0)
	}
	desc := []byte("desc\x00\x00\x00\x00")
	desc = binary.BigEndian.AppendUint32(desc, uint32(len("sRGB")+1))
	desc = append(desc, "sRGB\x00"...)
	desc = append(desc, make([]byte, 4+4+2+1+67)...) // no Unicode or ScriptCode description
	curve := []byte("curv\x00\x00\x00\x00")
	curve = binary.BigEndian.AppendUint32(curve, srgbCurvePoints)
	for i := range srgbCurvePoints {
		curve = binary.BigEndian.AppendUint16(curve, uint16(math.Round(srgbLinear(float64(i)/(srgbCurvePoints-1))*65535)))
	}
	tags := []struct {
		sig  string
		data []byte
	}{
		{"desc", desc},
		{"cprt", ascii("text", "No copyright, use freely")},
		{"wtpt", xyz(0.9504559, 1, 1.0890578)},         // D65, sRGB's white
		{"rXYZ", xyz(0.4360747, 0.2225045, 0.0139322)}, // the primaries, Bradford-adapted to D50
		{"gXYZ", xyz(0.3850649, 0.7168786, 0.0971045)},
		{"bXYZ", xyz(0.1430804, 0.0606169, 0.7141733)},
		{"rTRC", curve}, {"gTRC", curve}, {"bTRC", curve},
	}
	var data bytes.Buffer
	table := binary.BigEndian.AppendUint32(nil, uint32(len(tags)))
	start := 128 + 4 + 12*len(tags)
	at := map[string]int{} // shared data is written once
	for _, t := range tags {
		off, ok := at[string(t.data)]
		if !ok {
			off = start + data.Len()
			at[string(t.data)] = off
			data.Write(t.data)
			for data.Len()%4 != 0 {
				data.WriteByte(0)
			}
		}
		table = append(table, t.sig...)
		table = binary.BigEndian.AppendUint32(table, uint32(off))
		table = binary.BigEndian.AppendUint32(table, uint32(len(t.data)))
	}
	size := start + data.Len()
	h := make([]byte, 0, 128)
	h = binary.BigEndian.AppendUint32(h, uint32(size))
	h = append(h, "\x00\x00\x00\x00"...)                     // no preferred CMM
	h = append(h, 2, 0x10, 0, 0)                             // version 2.1
	h = append(h, "mntrRGB XYZ "...)                         // display class, RGB data, XYZ connection space
	h = append(h, 0x07, 0xE1, 0, 11, 0, 6, 0, 0, 0, 0, 0, 0) // created 2017-11-06: fixed, so that editions are reproducible
	h = append(h, "acsp"...)
	h = append(h, make([]byte, 4+4+4+4+8+4)...)  // platform, flags, device maker and model, attributes, intent (perceptual)
	h = append(h, xyz(0.9642, 1, 0.8249)[8:]...) // the D50 illuminant of the connection space
	h = append(h, make([]byte, 128-len(h))...)   // creator, ID (none in version 2) and reserved
	return append(append(h, table...), data.Bytes()...)
})

// srgbFlate is srgbProfile compressed, once.
var srgbFlate = sync.OnceValue(func() []byte { return deflate(srgbProfile()) })
