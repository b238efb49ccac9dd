// Package logging writes one JSON object per line (log/slog): time in ISO 8601 UTC, level,
// message, and the request and trace ids of the context the line was logged with.
package logging

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"time"
)

type contextKey struct{}

// WithRequestID returns ctx carrying the request id every line logged with it names.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, contextKey{}, id)
}

// RequestID is the request id ctx carries, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(contextKey{}).(string)
	return id
}

// Enricher adds attributes from a context to every line (the tracing package adds trace ids).
type Enricher func(ctx context.Context) []slog.Attr

// New is the JSON logger for level, writing to w, with each enricher's attributes.
func New(w io.Writer, level slog.Leveler, enrichers ...Enricher) *slog.Logger {
	handler := slog.NewJSONHandler(w, &slog.HandlerOptions{Level: level, ReplaceAttr: replace})
	return slog.New(&contextHandler{Handler: handler, enrichers: enrichers})
}

// replace writes the time in UTC, the level in lower case (as LOG_LEVEL names it) and the
// message as "message".
func replace(groups []string, a slog.Attr) slog.Attr {
	if len(groups) > 0 {
		return a
	}
	switch a.Key {
	case slog.TimeKey:
		if t, ok := a.Value.Any().(time.Time); ok {
			return slog.String(slog.TimeKey, t.UTC().Format("2006-01-02T15:04:05.000Z07:00"))
		}
	case slog.LevelKey:
		if level, ok := a.Value.Any().(slog.Level); ok {
			name := strings.ToLower(level.String())
			if name == "warn" {
				name = "warning"
			}
			return slog.String(slog.LevelKey, name)
		}
	case slog.MessageKey:
		return slog.Attr{Key: "message", Value: a.Value}
	}
	return a
}

type contextHandler struct {
	slog.Handler
	enrichers []Enricher
}

func (h *contextHandler) Handle(ctx context.Context, record slog.Record) error {
	if id := RequestID(ctx); id != "" {
		record.AddAttrs(slog.String("requestId", id))
	}
	for _, enrich := range h.enrichers {
		record.AddAttrs(enrich(ctx)...)
	}
	return h.Handler.Handle(ctx, record)
}

func (h *contextHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &contextHandler{Handler: h.Handler.WithAttrs(attrs), enrichers: h.enrichers}
}

func (h *contextHandler) WithGroup(name string) slog.Handler {
	return &contextHandler{Handler: h.Handler.WithGroup(name), enrichers: h.enrichers}
}
