package value

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgtype"
)

// Decimal is an exact decimal number: unscaled × 10^-scale. It is a JSON number on the wire and
// a numeric in PostgreSQL (pgx reads and writes it through pgtype's Numeric interfaces), never a
// float on the way.
type Decimal struct {
	unscaled big.Int
	scale    int32
}

// decimalText is a decimal number as text, an exponent allowed: 12.5, -3, 1.5e-7.
var decimalText = regexp.MustCompile(`^([+-]?)([0-9]*)\.?([0-9]*)(?:[eE]([+-]?[0-9]{1,3}))?$`)

var ten = big.NewInt(10)

func pow10(n int32) *big.Int {
	return new(big.Int).Exp(ten, big.NewInt(int64(n)), nil)
}

// roundHalfEven rounds r to scale decimal places, half to even.
func roundHalfEven(r *big.Rat, scale int32) Decimal {
	scaled := new(big.Rat).Mul(r, new(big.Rat).SetInt(pow10(scale)))
	quotient, remainder := new(big.Int).QuoRem(scaled.Num(), scaled.Denom(), new(big.Int))
	// Compare twice the remainder with the denominator: above half rounds away from zero.
	twice := new(big.Int).Mul(new(big.Int).Abs(remainder), big.NewInt(2))
	switch c := twice.Cmp(scaled.Denom()); {
	case c > 0, c == 0 && quotient.Bit(0) == 1:
		if scaled.Sign() < 0 {
			quotient.Sub(quotient, big.NewInt(1))
		} else {
			quotient.Add(quotient, big.NewInt(1))
		}
	}
	var d Decimal
	d.unscaled.Set(quotient)
	d.scale = scale
	return d
}

func (d Decimal) rat() *big.Rat {
	return new(big.Rat).SetFrac(new(big.Int).Set(&d.unscaled), pow10(d.scale))
}

// String is the number with exactly its scale's decimal places, e.g. 12.50.
func (d Decimal) String() string {
	digits := new(big.Int).Abs(&d.unscaled).String()
	sign := ""
	if d.unscaled.Sign() < 0 {
		sign = "-"
	}
	if d.scale <= 0 {
		return sign + digits + strings.Repeat("0", int(-d.scale))
	}
	if len(digits) <= int(d.scale) {
		digits = strings.Repeat("0", int(d.scale)-len(digits)+1) + digits
	}
	point := len(digits) - int(d.scale)
	return sign + digits[:point] + "." + digits[point:]
}

// Cmp compares d and other: -1, 0 or +1.
func (d Decimal) Cmp(other Decimal) int {
	return d.rat().Cmp(other.rat())
}

// MarshalJSON writes the number as a JSON number.
func (d Decimal) MarshalJSON() ([]byte, error) {
	return []byte(d.String()), nil
}

// ScanNumeric reads a PostgreSQL numeric (pgtype.NumericScanner).
func (d *Decimal) ScanNumeric(n pgtype.Numeric) error {
	if !n.Valid || n.NaN || n.InfinityModifier != pgtype.Finite {
		return errors.New("numeric is not a finite number")
	}
	d.unscaled.Set(n.Int)
	d.scale = -n.Exp
	if d.scale < 0 {
		d.unscaled.Mul(&d.unscaled, pow10(-d.scale))
		d.scale = 0
	}
	return nil
}

// NumericValue writes a PostgreSQL numeric (pgtype.NumericValuer).
func (d Decimal) NumericValue() (pgtype.Numeric, error) {
	return pgtype.Numeric{Int: new(big.Int).Set(&d.unscaled), Exp: -d.scale, Valid: true}, nil
}

// MustDecimal reads a decimal constant, keeping the places it is written with.
func MustDecimal(text string) Decimal {
	d, err := parseExact(text)
	if err != nil {
		panic(err)
	}
	return d
}

// parseExact reads decimal text, keeping its places; an exponent moves the point (at most 999
// places, so no text makes a huge number).
func parseExact(text string) (Decimal, error) {
	m := decimalText.FindStringSubmatch(text)
	if m == nil || m[2]+m[3] == "" || len(text) > 100 {
		return Decimal{}, errors.New("must be a number, e.g. 12.5")
	}
	exponent := 0
	if m[4] != "" {
		exponent, _ = strconv.Atoi(m[4])
	}
	var d Decimal
	d.unscaled.SetString(m[2]+m[3], 10)
	if m[1] == "-" {
		d.unscaled.Neg(&d.unscaled)
	}
	scale := len(m[3]) - exponent
	if scale < 0 {
		d.unscaled.Mul(&d.unscaled, pow10(int32(-scale)))
		scale = 0
	}
	d.scale = int32(scale)
	return d, nil
}

func between(r *big.Rat, minimum, maximum string) error {
	low, high := MustDecimal(minimum), MustDecimal(maximum)
	if r.Cmp(low.rat()) < 0 || r.Cmp(high.rat()) > 0 {
		return fmt.Errorf("must be between %s and %s", minimum, maximum)
	}
	return nil
}

// ReadDecimal reads a JSON number between minimum and maximum, rounded to scale decimal places
// (half to even), as a numeric(precision, scale) column keeps it: the client reads back what is
// stored.
func ReadDecimal(raw any, minimum, maximum string, scale int32) (Decimal, error) {
	number, ok := raw.(json.Number)
	if !ok {
		return Decimal{}, wrongType("a number", raw)
	}
	r, ok := rational(number.String())
	if !ok {
		return Decimal{}, fmt.Errorf("must be between %s and %s", minimum, maximum)
	}
	if err := between(r, minimum, maximum); err != nil {
		return Decimal{}, err
	}
	return roundHalfEven(r, scale), nil
}

// ParseDecimal reads a bound for a filter, compared as given: it is not a value to store.
func ParseDecimal(text, minimum, maximum string) (Decimal, error) {
	d, err := parseExact(text)
	if err != nil {
		return Decimal{}, err
	}
	return d, between(d.rat(), minimum, maximum)
}
