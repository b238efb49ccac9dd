package value

import (
	"errors"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
)

const dateLayout = "2006-01-02"

// Date is a calendar date without a time or zone: 2026-01-31 on the wire, a date in PostgreSQL.
type Date struct {
	t time.Time
}

// ParseDate reads an ISO 8601 calendar date, e.g. 2026-01-31 (years 1 to 9999).
func ParseDate(text string) (Date, error) {
	t, err := time.Parse(dateLayout, text)
	if err != nil || t.Year() < 1 {
		return Date{}, errors.New("must be a date, e.g. 2026-01-31")
	}
	return Date{t: t}, nil
}

// ReadDate reads a JSON string holding a date.
func ReadDate(raw any) (Date, error) {
	text, ok := raw.(string)
	if !ok {
		return Date{}, wrongType("a date (2026-01-31) as a string", raw)
	}
	return ParseDate(text)
}

// MustDate is ParseDate for constants.
func MustDate(text string) Date {
	d, err := ParseDate(text)
	if err != nil {
		panic(err)
	}
	return d
}

// String is the date in ISO 8601.
func (d Date) String() string {
	return d.t.Format(dateLayout)
}

// MarshalJSON writes the date as a JSON string.
func (d Date) MarshalJSON() ([]byte, error) {
	return []byte(`"` + d.String() + `"`), nil
}

// ScanDate reads a PostgreSQL date (pgtype.DateScanner).
func (d *Date) ScanDate(v pgtype.Date) error {
	if !v.Valid || v.InfinityModifier != pgtype.Finite {
		return errors.New("date is not a finite date")
	}
	d.t = time.Date(v.Time.Year(), v.Time.Month(), v.Time.Day(), 0, 0, 0, 0, time.UTC)
	return nil
}

// DateValue writes a PostgreSQL date (pgtype.DateValuer).
func (d Date) DateValue() (pgtype.Date, error) {
	return pgtype.Date{Time: d.t, Valid: true}, nil
}
