package notice

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/diag"
)

// withDevice returns the minimal notice with its device written as device, a
// YAML mapping indented for the devices list.
func withDevice(t *testing.T, device string) (string, []byte) {
	t.Helper()
	valid, err := os.ReadFile("testdata/minimal/notice.yaml")
	if err != nil {
		t.Fatal(err)
	}
	old := "  - id: pump\n    name: Acme Pump 3\n    version: \"≤ 3.1\"\n"
	if !strings.Contains(string(valid), old) {
		t.Fatal("the minimal notice's device is not as the test expects")
	}
	return filepath.Join("testdata", "minimal", "notice.yaml"), []byte(strings.Replace(string(valid), old, device, 1))
}

func TestIdentifiers(t *testing.T) {
	tests := []struct {
		name, lots string
		want       Identifiers
	}{
		{"one lot", "L2403", Identifiers{{From: "L2403"}}},
		{"a number", "2403", Identifiers{{From: "2403"}}},
		{"a range", "{from: L2403, to: L2518}", Identifiers{{From: "L2403", To: "L2518"}}},
		{"a list", "[L2390, {from: L2403, to: L2518}]", Identifiers{{From: "L2390"}, {From: "L2403", To: "L2518"}}},
		{"a block list", "\n      - L2390\n      - from: L2403\n        to: L2518", Identifiers{{From: "L2390"}, {From: "L2403", To: "L2518"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file, data := withDevice(t, "  - id: pump\n    name: Acme Pump 3\n    lots: "+tt.lots+"\n")
			n, err := Parse(file, data)
			if err != nil {
				t.Fatal(err)
			}
			got := n.Devices[0].Lots
			if !slices.EqualFunc(got, tt.want, func(a, b IdentifierRange) bool { return a.From == b.From && a.To == b.To }) {
				t.Errorf("lots = %+v, want %+v", got, tt.want)
			}
			if len(n.Warnings) > 0 {
				t.Errorf("warnings for a structured lot: %v", n.Warnings)
			}
		})
	}
}

func TestBadIdentifiers(t *testing.T) {
	for lots, msg := range map[string]string{
		"{from: L2403}":                   "needs both from and to",
		"{from: L2403, to: L2518, by: 2}": "only from and to",
		"{from: [L1], to: L2}":            "not an identifier",
	} {
		file, data := withDevice(t, "  - id: pump\n    name: Acme Pump 3\n    lots: "+lots+"\n")
		_, err := Parse(file, data)
		if err == nil || !strings.Contains(err.Error(), msg) || !strings.Contains(err.Error(), "notice.yaml:24:") {
			t.Errorf("lots: %s: error %v, want one on line 24 saying %q", lots, err, msg)
		}
	}
}

// TestPlainWords checks the warning about words that no translation can translate.
func TestPlainWords(t *testing.T) {
	tests := []struct {
		name, device string
		want         string // in the warning; "" for none
	}{
		{"name and version", "    name: Acme Pump 3\n    version: \"≤ 3.1\"\n", ""},
		{"words in the name", "    name: PX-300 battery pack (spare part)\n", `name "PX-300 battery pack (spare part)" holds the words "battery pack spare part"`},
		{"one word in a name", "    name: CardioPump mini\n", ""},
		{"words in the version", "    version: 3.1 and earlier\n    name: Acme Pump 3\n", `23:5: warning[plain-words]: device "pump": version "3.1 and earlier" holds the words "and earlier"`},
		{"a range as text", "    name: Acme Pump 3\n    lots: L2403 to L2518\n", `lots "L2403 to L2518" is a range written as text, which every edition would copy as written; write it as {from: L2403, to: L2518}`},
		{"a range with a dash", "    name: Acme Pump 3\n    lots: L2403–L2518\n", `lots "L2403–L2518" is a range written as text`},
		{"words in a serial", "    name: Acme Pump 3\n    serials: [SN100, all others]\n", `serials "all others" holds the words "all others"`},
		{"a structured range", "    name: Acme Pump 3\n    serials: {from: SN100, to: SN200}\n", ""},
		{"hyphens inside serial numbers", "    name: Acme Pump 3\n    serials: {from: IP7-24-00001, to: IP7-25-18250}\n", ""},
		{"words in the description", "    name: Acme Pump 3\n    description: battery pack (spare part)\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file, data := withDevice(t, "  - id: pump\n"+tt.device)
			n, err := Parse(file, data)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range n.Warnings {
				got = append(got, w.Error())
			}
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("warnings %q, want none", got)
			case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want)):
				t.Errorf("warnings %q, want one saying %q", got, tt.want)
			}
			for _, w := range n.Warnings {
				if w.Severity != diag.Warning || w.Pos.File != file || w.Pos.Line < 22 {
					t.Errorf("warning %v is not a warning at the device in %s", w, file)
				}
			}
		})
	}
}

func TestDeviceTextsAreTranslatable(t *testing.T) {
	file, data := withDevice(t, "  - id: pump\n    name: Acme Pump 3\n    description: battery pack (spare part)\n    purpose: infusion of fluids\n")
	n, err := Parse(file, data)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, text := range n.Texts() {
		ids[text.ID] = text.Value
	}
	if ids["devices.pump.description"] != "battery pack (spare part)" || ids["devices.pump.purpose"] != "infusion of fluids" {
		t.Errorf("the device's description and purpose are not messages: %v", ids)
	}
}
