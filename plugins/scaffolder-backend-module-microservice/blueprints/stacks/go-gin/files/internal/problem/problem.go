// Package problem writes errors as RFC 9457 problem details (application/problem+json): the one
// error shape of the API.
package problem

import (
	"encoding/json"
	"net/http"
)

// MediaType is the content type of every error response.
const MediaType = "application/problem+json"

// FieldError is one reason for a 422: a body property (Pointer, "#/name") or a query or path
// parameter (Parameter) and what is wrong with it.
type FieldError struct {
	Detail    string `json:"detail"`
	Pointer   string `json:"pointer,omitempty"`
	Parameter string `json:"parameter,omitempty"`
}

// Body is a problem document.
type Body struct {
	Type      string       `json:"type"`
	Title     string       `json:"title"`
	Status    int          `json:"status"`
	Detail    string       `json:"detail,omitempty"`
	Instance  string       `json:"instance,omitempty"`
	RequestID string       `json:"requestId,omitempty"`
	Errors    []FieldError `json:"errors,omitempty"`
}

// New is the problem for status: type about:blank, so the title is the status phrase.
func New(status int, detail string) Body {
	return Body{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: detail}
}

// Invalid is a 422 listing every reason.
func Invalid(detail string, errors []FieldError) Body {
	body := New(http.StatusUnprocessableEntity, detail)
	body.Errors = errors
	return body
}

// Property is a FieldError about the body property name.
func Property(name, detail string) FieldError {
	return FieldError{Pointer: "#/" + name, Detail: detail}
}

// Param is a FieldError about the query or path parameter name.
func Param(name, detail string) FieldError {
	return FieldError{Parameter: name, Detail: detail}
}

// Write sends the problem for the request r, naming its path and request id.
func Write(w http.ResponseWriter, r *http.Request, requestID string, body Body) {
	body.Instance = r.URL.Path
	body.RequestID = requestID
	w.Header().Set("Content-Type", MediaType)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(body.Status)
	_ = json.NewEncoder(w).Encode(body)
}
