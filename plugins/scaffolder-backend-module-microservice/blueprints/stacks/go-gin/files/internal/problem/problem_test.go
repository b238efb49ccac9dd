package problem

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestWrite(t *testing.T) {
	tests := []struct {
		name   string
		body   Body
		status int
		title  string
	}{
		{name: "not found", body: New(http.StatusNotFound, "no item has this id"), status: 404, title: "Not Found"},
		{name: "invalid", body: Invalid("bad", []FieldError{Property("name", "is required"), Param("limit", "too big")}), status: 422, title: "Unprocessable Entity"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recorder := httptest.NewRecorder()
			request := httptest.NewRequestWithContext(context.Background(), http.MethodGet, "/api/v1/things?x=1", nil)
			Write(recorder, request, "req-1", tt.body)
			if recorder.Code != tt.status || recorder.Header().Get("Content-Type") != MediaType {
				t.Fatalf("status %d, content type %q", recorder.Code, recorder.Header().Get("Content-Type"))
			}
			var got Body
			if err := json.Unmarshal(recorder.Body.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			if got.Type != "about:blank" || got.Title != tt.title || got.Status != tt.status ||
				got.Instance != "/api/v1/things" || got.RequestID != "req-1" {
				t.Errorf("got %+v", got)
			}
			if len(got.Errors) != len(tt.body.Errors) {
				t.Errorf("errors %v, want %v", got.Errors, tt.body.Errors)
			}
		})
	}
	if p := Property("name", "x"); p.Pointer != "#/name" {
		t.Errorf("pointer %q", p.Pointer)
	}
}
