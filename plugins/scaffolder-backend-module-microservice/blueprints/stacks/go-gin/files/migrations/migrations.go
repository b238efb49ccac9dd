// Package migrations embeds the SQL migrations in the binary: `<service> migrate up` applies them
// from the same image that serves, and the tests apply them to their own database.
//
// One file per schema change, named NNNNN_what.sql, with a -- +goose Up and a -- +goose Down
// section; every one must keep working with the code before and after it (see the README).
package migrations

import "embed"

// FS holds every migration.
//
//go:embed *.sql
var FS embed.FS
