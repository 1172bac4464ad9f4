package store

// CONTRACT (to be implemented): sealed fields on the laptop. The store keeps, while
// Involve is unlocked, the data key (lockbox, from the passphrase) and the team key
// (lockbox.TeamKey): records of the kinds with sealed fields (involve.SealedFields) are
// sealed before anything is written (docs, outbox, sync bases, conflicts) and opened
// when read; while locked, reading or writing them is refused with involve.ELOCKED.

import (
	"context"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
)

var errSealingTODO = involve.Errorf(involve.EINTERNAL, "sealed fields are not built yet")

// Unlock gives the store the laptop's data key (a copy is kept; the caller wipes its
// own): it loads the team key the store keeps wrapped by it, or makes a local one when
// there is none (a laptop not yet given its team's key); opens a sealed sync token;
// and, once, seals what an older version left plain (records, outbox, sync bases,
// conflicts, the sync token), then compacts the database so that no plain copy stays
// in free pages or the WAL.
func (db *DB) Unlock(ctx context.Context, dataKey []byte) error { return errSealingTODO }

// Lock wipes the keys the store holds: sealed kinds are refused (ELOCKED) until Unlock.
func (db *DB) Lock() {}

// Unlocked reports whether the store holds its keys.
func (db *DB) Unlocked() bool { return false }

// NeedsTeamKey reports whether the laptop should fetch its team's key from the server
// (GET syncapi.TeamKeyPath) before it syncs: it is enrolled with a staff or lead role,
// unlocked, and its key is not the one the server gave.
func (db *DB) NeedsTeamKey(ctx context.Context) (bool, error) { return false, errSealingTODO }

// InstallTeamKey keeps the team's key from the server (wrapped by the data key; the
// store must be unlocked) and uses it from now on. Values sealed with a local key made
// before enrolment are sealed again with it, in one transaction.
func (db *DB) InstallTeamKey(ctx context.Context, k *lockbox.TeamKey) error { return errSealingTODO }

// TeamKeyID names the team key in use ("" when locked or none).
func (db *DB) TeamKeyID() string { return "" }

// HoldsSealedData reports whether the laptop keeps a team key or any record with
// sealed fields: its passphrase cannot then be removed (the key would be in clear).
func (db *DB) HoldsSealedData(ctx context.Context) (bool, error) { return false, errSealingTODO }
