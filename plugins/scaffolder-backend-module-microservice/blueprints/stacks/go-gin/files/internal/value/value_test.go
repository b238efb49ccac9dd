package value

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestReadString(t *testing.T) {
	tests := []struct {
		name    string
		raw     any
		want    string
		wantErr string
	}{
		{name: "text", raw: "Zoë ✓", want: "Zoë ✓"},
		{name: "exactly the maximum, in characters", raw: strings.Repeat("é", 5), want: strings.Repeat("é", 5)},
		{name: "one character too many", raw: strings.Repeat("x", 6), wantErr: "at most 5 characters"},
		{name: "NUL", raw: "a\x00b", wantErr: "NUL"},
		{name: "a number", raw: json.Number("12"), wantErr: "not a number"},
		{name: "an object", raw: map[string]any{}, wantErr: "not an object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadString(tt.raw, 5)
			check(t, err, tt.wantErr)
			if err == nil && got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReadInt32(t *testing.T) {
	tests := []struct {
		name    string
		raw     any
		want    int32
		wantErr string
	}{
		{name: "the minimum", raw: json.Number("1"), want: 1},
		{name: "the maximum", raw: json.Number("1000"), want: 1000},
		{name: "an integral exponent", raw: json.Number("1e2"), want: 100},
		{name: "below", raw: json.Number("0"), wantErr: "between 1 and 1000"},
		{name: "above", raw: json.Number("1001"), wantErr: "between 1 and 1000"},
		{name: "huge", raw: json.Number("1e400"), wantErr: "between"},
		{name: "a fraction", raw: json.Number("1.5"), wantErr: "whole number"},
		{name: "a string", raw: "12", wantErr: "not a string"},
		{name: "a boolean", raw: true, wantErr: "not a boolean"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadInt32(tt.raw, 1, 1000)
			check(t, err, tt.wantErr)
			if err == nil && got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

func TestReadDecimal(t *testing.T) {
	tests := []struct {
		name    string
		raw     any
		want    string
		wantErr string
	}{
		{name: "kept", raw: json.Number("12.5"), want: "12.50"},
		{name: "rounded up", raw: json.Number("12.5167"), want: "12.52"},
		{name: "half to even, down", raw: json.Number("0.125"), want: "0.12"},
		{name: "half to even, up", raw: json.Number("0.135"), want: "0.14"},
		{name: "negative half to even", raw: json.Number("-0.125"), want: "-0.12"},
		{name: "the maximum, every digit", raw: json.Number("9999999999.99"), want: "9999999999.99"},
		{name: "zero", raw: json.Number("0"), want: "0.00"},
		{name: "an exponent", raw: json.Number("1.5e1"), want: "15.00"},
		{name: "above the maximum", raw: json.Number("10000000000"), wantErr: "between"},
		{name: "below the minimum", raw: json.Number("-10000000000"), wantErr: "between"},
		{name: "a string", raw: "12.5", wantErr: "not a string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadDecimal(tt.raw, "-9999999999.99", "9999999999.99", 2)
			check(t, err, tt.wantErr)
			if err == nil && got.String() != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		text, want, wantErr string
	}{
		{text: "12.345", want: "12.345"},
		{text: "-3", want: "-3"},
		{text: "lots", wantErr: "a number"},
		{text: "1e1", want: "10"},
		{text: "4.16e-178", want: "0." + strings.Repeat("0", 177) + "416"},
		{text: "-.5", want: "-0.5"},
		{text: "1e9999", wantErr: "a number"},
		{text: ".", wantErr: "a number"},
		{text: "1/2", wantErr: "a number"},
		{text: "101", wantErr: "between"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, err := ParseDecimal(tt.text, "-100", "100")
			check(t, err, tt.wantErr)
			if err == nil && got.String() != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestDecimalJSONAndOrder(t *testing.T) {
	d := MustDecimal("0.05")
	data, err := json.Marshal(d)
	if err != nil || string(data) != "0.05" {
		t.Fatalf("json.Marshal = %s, %v", data, err)
	}
	if MustDecimal("2.5").Cmp(MustDecimal("2.50")) != 0 || MustDecimal("-1").Cmp(MustDecimal("0.1")) != -1 {
		t.Error("Cmp does not compare values")
	}
	n, err := d.NumericValue()
	if err != nil {
		t.Fatal(err)
	}
	var back Decimal
	if err := back.ScanNumeric(n); err != nil || back.String() != "0.05" {
		t.Errorf("numeric round trip gave %s, %v", back, err)
	}
}

func TestDatesAndInstants(t *testing.T) {
	tests := []struct {
		name    string
		read    func() (string, error)
		want    string
		wantErr string
	}{
		{name: "a leap day", read: text(ReadDate("2024-02-29")), want: "2024-02-29"},
		{name: "February 30th", read: text(ReadDate("2026-02-30")), wantErr: "a date"},
		{name: "a date as a number", read: text(ReadDate(json.Number("20260131"))), wantErr: "not a number"},
		{name: "not ISO 8601", read: text(ReadDate("31/01/2026")), wantErr: "a date"},
		{name: "an offset, in UTC", read: instant(ReadDateTime("2026-03-01T23:30:15.123+02:00")), want: "2026-03-01T21:30:15.123Z"},
		{name: "no zone", read: instant(ReadDateTime("2026-01-31T12:00:00")), wantErr: "with a zone"},
		{name: "a date only", read: instant(ReadDateTime("2026-01-31")), wantErr: "with a zone"},
		{name: "year zero", read: instant(ReadDateTime("0000-01-01T00:00:00Z")), wantErr: "with a zone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.read()
			check(t, err, tt.wantErr)
			if err == nil && got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestUUIDEnumBool(t *testing.T) {
	if _, err := ReadUUID("3fa85f64-5717-4562-b3fc-2c963f66afa6"); err != nil {
		t.Errorf("a UUID: %v", err)
	}
	for _, bad := range []any{"not-a-uuid", "3fa85f64-5717-4562-b3fc-2c963f66afa", "{3fa85f64-5717-4562-b3fc-2c963f66afa6}", json.Number("1")} {
		if _, err := ReadUUID(bad); err == nil {
			t.Errorf("%v: accepted", bad)
		}
	}
	if v, err := ReadEnum("placed", "draft", "placed"); err != nil || v != "placed" {
		t.Errorf("an enum value: %q, %v", v, err)
	}
	if _, err := ReadEnum("PLACED", "draft", "placed"); err == nil {
		t.Error("an enum value in another case: accepted")
	}
	if _, err := ReadBool("true"); err == nil {
		t.Error(`"true": accepted`)
	}
	if _, err := ParseBool("yes"); err == nil {
		t.Error("?x=yes: accepted")
	}
	if v, err := ParseInt32("99999999999999999999", 0, 10); err == nil {
		t.Errorf("a huge offset: %d", v)
	}
	if _, err := ParseText("", 5); err == nil {
		t.Error("an empty text filter: accepted")
	}
	if _, err := ParseText("a\x00", 5); err == nil {
		t.Error("a filter holding NUL: accepted")
	}
	if Fit("abcdef", 3) != "def" {
		t.Error("Fit keeps the end")
	}
}

func text[T interface{ String() string }](v T, err error) func() (string, error) {
	return func() (string, error) { return v.String(), err }
}

func instant(v time.Time, err error) func() (string, error) {
	return func() (string, error) { return v.Format(time.RFC3339Nano), err }
}

// check fails unless err holds want (or is nil when want is "").
func check(t *testing.T, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Fatalf("unexpected error: %v", err)
	case want != "" && err == nil:
		t.Fatalf("no error, want one with %q", want)
	case want != "" && !strings.Contains(err.Error(), want):
		t.Fatalf("error %q, want one with %q", err, want)
	}
}
