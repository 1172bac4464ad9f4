package main

import "github.com/hin-south-london/involve/app/serverstore/postgres"

// The PostgreSQL store, for --db postgres://… (docs/deploy.md: several replicas).
func init() { openPostgres = postgres.Open }
