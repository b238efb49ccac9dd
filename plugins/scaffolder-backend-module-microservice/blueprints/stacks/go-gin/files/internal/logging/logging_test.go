package logging

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestLineShape(t *testing.T) {
	var out bytes.Buffer
	trace := func(context.Context) []slog.Attr { return []slog.Attr{slog.String("traceId", "abc")} }
	logger := New(&out, slog.LevelInfo, trace)
	ctx := WithRequestID(context.Background(), "req-1")
	logger.WarnContext(ctx, "hello", slog.Int("n", 1))
	logger.DebugContext(ctx, "not written")

	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 1 {
		t.Fatalf("want one line, got %d: %s", len(lines), out.String())
	}
	var line map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &line); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	want := map[string]any{"level": "warning", "message": "hello", "requestId": "req-1", "traceId": "abc", "n": float64(1)}
	for key, value := range want {
		if line[key] != value {
			t.Errorf("%s = %v, want %v", key, line[key], value)
		}
	}
	stamp, _ := line["time"].(string)
	parsed, err := time.Parse(time.RFC3339Nano, stamp)
	if err != nil || !strings.HasSuffix(stamp, "Z") || time.Since(parsed) > time.Minute {
		t.Errorf("time %q is not ISO 8601 in UTC", stamp)
	}
}

func TestNoRequestID(t *testing.T) {
	var out bytes.Buffer
	New(&out, slog.LevelDebug).With(slog.String("k", "v")).WithGroup("g").Info("x", slog.Int("n", 1))
	if strings.Contains(out.String(), "requestId") || !strings.Contains(out.String(), `"g":{"n":1}`) {
		t.Errorf("unexpected line %s", out.String())
	}
	if RequestID(context.Background()) != "" {
		t.Error("a request id out of nowhere")
	}
}
