// Package value reads the values of the resource's fields from JSON bodies and query parameters,
// within their limits, and holds the types JSON and PostgreSQL need that Go lacks (Decimal, Date).
//
// Readers take a value decoded by encoding/json with UseNumber (string, json.Number, bool, nil,
// map or slice) and refuse any other JSON type: a number is never taken for a string, nor a
// string for a number. Parsers read query parameters, which are always text. An error's text is
// what the client reads in the problem's errors[].detail.
package value

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
)

// jsonType names a decoded JSON value's type, for messages.
func jsonType(raw any) string {
	switch raw.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	default:
		return fmt.Sprintf("%T", raw)
	}
}

func wrongType(want string, raw any) error {
	return fmt.Errorf("must be %s, not %s", want, jsonType(raw))
}

// checkText refuses what PostgreSQL cannot store (NUL) and text longer than maxLength characters.
func checkText(text string, maxLength int) error {
	if strings.ContainsRune(text, 0) {
		return errors.New("must not contain the NUL character")
	}
	if n := utf8.RuneCountInString(text); n > maxLength {
		return fmt.Errorf("must be at most %d characters, not %d", maxLength, n)
	}
	return nil
}

// ReadString reads a JSON string of at most maxLength characters.
func ReadString(raw any, maxLength int) (string, error) {
	text, ok := raw.(string)
	if !ok {
		return "", wrongType("a string", raw)
	}
	return text, checkText(text, maxLength)
}

// ParseText reads a text filter: one to maxLength characters, without NUL (as the document's
// pattern says: no stored text could contain it).
func ParseText(text string, maxLength int) (string, error) {
	if text == "" {
		return "", errors.New("must not be empty")
	}
	return text, checkText(text, maxLength)
}

// rational reads a JSON number's text exactly; huge exponents are refused before big.Rat sees them.
func rational(text string) (*big.Rat, bool) {
	if len(text) > 100 {
		return nil, false
	}
	if e := strings.IndexAny(text, "eE"); e >= 0 {
		if exponent, err := strconv.Atoi(text[e+1:]); err != nil || exponent > 400 || exponent < -400 {
			return nil, false
		}
	}
	if f, err := strconv.ParseFloat(text, 64); err != nil || f > 1e30 || f < -1e30 {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(text)
	return r, ok
}

func int32In(r *big.Rat, minimum, maximum int32) (int32, error) {
	if !r.IsInt() {
		return 0, errors.New("must be a whole number")
	}
	n := r.Num()
	if !n.IsInt64() || n.Int64() < int64(minimum) || n.Int64() > int64(maximum) {
		return 0, fmt.Errorf("must be between %d and %d", minimum, maximum)
	}
	return int32(n.Int64()), nil
}

// ReadInt32 reads a JSON number that is a whole number between minimum and maximum.
func ReadInt32(raw any, minimum, maximum int32) (int32, error) {
	number, ok := raw.(json.Number)
	if !ok {
		return 0, wrongType("a whole number", raw)
	}
	r, ok := rational(number.String())
	if !ok {
		return 0, fmt.Errorf("must be between %d and %d", minimum, maximum)
	}
	return int32In(r, minimum, maximum)
}

// ParseInt32 reads a whole number between minimum and maximum from a query parameter.
func ParseInt32(text string, minimum, maximum int32) (int32, error) {
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return 0, fmt.Errorf("must be between %d and %d", minimum, maximum)
		}
		return 0, errors.New("must be a whole number")
	}
	if n < int64(minimum) || n > int64(maximum) {
		return 0, fmt.Errorf("must be between %d and %d", minimum, maximum)
	}
	return int32(n), nil
}

// ReadBool reads a JSON boolean.
func ReadBool(raw any) (bool, error) {
	b, ok := raw.(bool)
	if !ok {
		return false, wrongType("true or false", raw)
	}
	return b, nil
}

// ParseBool reads "true" or "false".
func ParseBool(text string) (bool, error) {
	switch text {
	case "true":
		return true, nil
	case "false":
		return false, nil
	default:
		return false, errors.New("must be true or false")
	}
}

// ReadDateTime reads an RFC 3339 date and time with its zone (an instant), in UTC.
func ReadDateTime(raw any) (time.Time, error) {
	text, ok := raw.(string)
	if !ok {
		return time.Time{}, wrongType("a date and time (RFC 3339) as a string", raw)
	}
	return ParseDateTime(text)
}

// ParseDateTime reads an RFC 3339 date and time with its zone, e.g. 2026-01-31T12:00:00Z.
func ParseDateTime(text string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, text)
	if err != nil || t.UTC().Year() < 1 || t.UTC().Year() > 9999 {
		return time.Time{}, errors.New("must be a date and time with a zone, e.g. 2026-01-31T12:00:00Z")
	}
	return t.UTC(), nil
}

// MustDateTime is ParseDateTime for constants.
func MustDateTime(text string) time.Time {
	t, err := ParseDateTime(text)
	if err != nil {
		panic(err)
	}
	return t
}

// ReadUUID reads a UUID in its canonical text form.
func ReadUUID(raw any) (uuid.UUID, error) {
	text, ok := raw.(string)
	if !ok {
		return uuid.UUID{}, wrongType("a UUID as a string", raw)
	}
	return ParseUUID(text)
}

// ParseUUID reads a UUID in its canonical form: 8-4-4-4-12 hexadecimal digits.
func ParseUUID(text string) (uuid.UUID, error) {
	if len(text) != 36 {
		return uuid.UUID{}, errors.New("must be a UUID, e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6")
	}
	id, err := uuid.Parse(text)
	if err != nil {
		return uuid.UUID{}, errors.New("must be a UUID, e.g. 3fa85f64-5717-4562-b3fc-2c963f66afa6")
	}
	return id, nil
}

// ReadEnum reads a string that is one of values (exactly, case included).
func ReadEnum(raw any, values ...string) (string, error) {
	text, ok := raw.(string)
	if !ok {
		return "", wrongType("a string", raw)
	}
	return ParseEnum(text, values...)
}

// ParseEnum reads one of values.
func ParseEnum(text string, values ...string) (string, error) {
	if !slices.Contains(values, text) {
		return "", fmt.Errorf("must be one of %s", strings.Join(values, ", "))
	}
	return text, nil
}

// Fit keeps the end of text within maxLength characters (for test values).
func Fit(text string, maxLength int) string {
	runes := []rune(text)
	if len(runes) <= maxLength {
		return text
	}
	return string(runes[len(runes)-maxLength:])
}

// Ptr is a pointer to v: an optional field's default.
func Ptr[T any](v T) *T {
	return &v
}
