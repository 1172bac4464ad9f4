package main

import "github.com/hin-south-london/involve/app/serverpostgres"

// The PostgreSQL store, for --db postgres://… (docs/deploy.md: several replicas).
func init() { openPostgres = serverpostgres.Open }
