package store

// Sealed fields on the laptop. The store keeps, while Involve is unlocked, the data
// key (lockbox, from the passphrase) and the team key (lockbox.TeamKey): records of
// the kinds with sealed fields (involve.SealedFields) are sealed before anything is
// written (docs, outbox, sync bases, conflicts) and opened when read; while locked,
// reading or writing them is refused with involve.ELOCKED.
//
// The team key is kept in meta wrapped by the data key (lockbox.Seal, its associated
// data naming its purpose), with its id and where it came from: "local" (made here
// before the laptop had its team's key) or "server". The device's sync token is kept
// sealed by the data key too, once a passphrase is set.

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"strings"
	"sync"

	"github.com/hin-south-london/involve/app/involve"
	"github.com/hin-south-london/involve/app/lockbox"
)

// Meta keys of the team key.
const (
	keyTeamKey       = "seal_team_key"        // base64 of lockbox.Seal(data key, raw key, teamKeyAAD)
	keyTeamKeyID     = "seal_team_key_id"     // lockbox.TeamKey.ID
	keyTeamKeySource = "seal_team_key_source" // teamKeyLocal or teamKeyServer
	keyCompactDue    = "seal_compact_due"     // plain values were sealed: compact the file (again) at unlock
	keySwept         = "seal_swept"           // every plain value an older version left has been sealed

	teamKeyLocal  = "local"
	teamKeyServer = "server"
)

// Associated data of what the data key seals, naming each one's purpose.
var (
	teamKeyAAD = []byte("involve laptop: team key wrapped by the data key v1")
	tokenAAD   = []byte("involve laptop: sync device token sealed by the data key v1")
)

// tokenPrefix starts a device token sealed by the data key (meta sync_device_token).
const tokenPrefix = "sealedtoken1."

// errLocked refuses a sealed kind while Involve is locked.
var errLocked = involve.Errorf(involve.ELOCKED, "Lived Experience Partners' details are sealed, and Involve is locked: "+
	"unlock it with its passphrase (or set one: Settings → Lock Involve with a passphrase) to see or change them.")

// errTokenLocked: the sync token is sealed and Involve is locked.
var errTokenLocked = involve.Errorf(involve.ELOCKED, "Sync waits until Involve is unlocked.")

// sealKeys are the keys the store holds while unlocked.
type sealKeys struct {
	mu     sync.RWMutex
	data   []byte
	team   *lockbox.TeamKey
	source string
	// replaced is the team key InstallTeamKey replaced (a local one, or an older
	// team key), kept until Lock to open, never to seal, what a read still sees in a
	// snapshot taken before the install committed: the swap is made inside the
	// installing transaction, before the values it seals again are visible to readers.
	replaced *lockbox.TeamKey
}

// withKey runs fn with the team key (ELOCKED when there is none). fn must do no
// database work: InstallTeamKey and Lock wait for it.
func (db *DB) withKey(fn func(k *lockbox.TeamKey) error) error {
	db.keys.mu.RLock()
	defer db.keys.mu.RUnlock()
	if db.keys.team == nil {
		return errLocked
	}
	return fn(db.keys.team)
}

// sealDoc returns d as it is stored: a sealed copy for a kind with sealed fields
// (ELOCKED while locked), d itself otherwise.
func (db *DB) sealDoc(d involve.Doc) (involve.Doc, error) {
	entity := d.DocEntity()
	if !involve.HasSealedFields(entity) {
		return d, nil
	}
	cp := copyRecord(d).(involve.Doc)
	return cp, db.withKey(func(k *lockbox.TeamKey) error { return applyRec(entity, cp, sealWith(k)) })
}

// openRec opens the sealed fields of a record read from the database, in place
// (ELOCKED while locked, for a kind with sealed fields).
func (db *DB) openRec(entity string, rec any) error {
	if !involve.HasSealedFields(entity) {
		return nil
	}
	return db.withKey(func(k *lockbox.TeamKey) error { return applyRec(entity, rec, openWith(k, db.keys.replaced)) })
}

// openConflict opens the values of a conflict about a sealed field, in place.
func (db *DB) openConflict(c *involve.Conflict) error {
	if !isSealedField(c.Entity, c.Field) {
		return nil
	}
	return db.withKey(func(k *lockbox.TeamKey) error { _, err := applyConflict(c, openWith(k, db.keys.replaced)); return err })
}

// redact empties every sealed field of rec (what needs none of them: reports).
func redact(rec any) {
	for _, f := range involve.SealedFields(rec) {
		*f.Value = ""
	}
}

// Unlock gives the store the laptop's data key (a copy is kept; the caller wipes its
// own): it loads the team key the store keeps wrapped by it, or makes a local one when
// there is none (a laptop not yet given its team's key); seals a plain sync token;
// and seals what an older version left plain (records, outbox, sync bases,
// conflicts) in one transaction, then compacts the database so that no plain copy
// stays in free pages or the WAL.
func (db *DB) Unlock(ctx context.Context, dataKey []byte) error {
	if len(dataKey) != lockbox.KeySize {
		return involve.Errorf(involve.EINVALID, "The key given to unlock Involve is not a data key.")
	}
	data := append([]byte(nil), dataKey...)
	var team *lockbox.TeamKey
	source := teamKeyLocal
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		wrapped, err := getMeta(ctx, tx, keyTeamKey)
		if err != nil {
			return err
		}
		if wrapped == "" {
			if team, err = lockbox.NewTeamKey(); err != nil {
				return err
			}
			if err := storeTeamKey(ctx, tx, data, team, teamKeyLocal); err != nil {
				return err
			}
		} else if team, source, err = loadTeamKey(ctx, tx, data, wrapped); err != nil {
			return err
		}
		tok, err := getMeta(ctx, tx, keyDeviceToken)
		if err != nil || tok == "" || strings.HasPrefix(tok, tokenPrefix) {
			return err
		}
		sealed, err := sealToken(data, tok)
		if err != nil {
			return err
		}
		return setMeta(ctx, tx, keyDeviceToken, sealed, keyCompactDue, "1")
	})
	if err != nil {
		lockbox.Wipe(data)
		team.Wipe()
		return err
	}
	db.keys.mu.Lock()
	db.wipeKeysLocked()
	db.keys.data, db.keys.team, db.keys.source = data, team, source
	db.keys.mu.Unlock()
	if err := db.sealPlain(ctx); err != nil {
		db.Lock()
		return err
	}
	return nil
}

// storeTeamKey keeps k in meta, wrapped by the data key.
func storeTeamKey(ctx context.Context, tx *sql.Tx, data []byte, k *lockbox.TeamKey, source string) error {
	raw := k.Raw()
	defer lockbox.Wipe(raw)
	b, err := lockbox.Seal(data, raw, teamKeyAAD)
	if err != nil {
		return err
	}
	return setMeta(ctx, tx, keyTeamKey, base64.StdEncoding.EncodeToString(b), keyTeamKeyID, k.ID(), keyTeamKeySource, source)
}

// loadTeamKey opens the team key kept in meta.
func loadTeamKey(ctx context.Context, q queryer, data []byte, wrapped string) (*lockbox.TeamKey, string, error) {
	damaged := func(why string) error {
		return involve.Errorf(involve.EINTERNAL, "The team key kept on this laptop cannot be opened (%s). "+
			"Involve has not changed it. Restore a backup, or ask for help.", why)
	}
	b, err := base64.StdEncoding.Strict().DecodeString(wrapped)
	if err != nil {
		return nil, "", damaged("it is not base64")
	}
	raw, err := lockbox.Open(data, b, teamKeyAAD)
	if err != nil {
		return nil, "", damaged(err.Error())
	}
	defer lockbox.Wipe(raw)
	k, err := lockbox.TeamKeyFrom(raw)
	if err != nil {
		return nil, "", damaged(err.Error())
	}
	id, err := getMeta(ctx, q, keyTeamKeyID)
	if err != nil {
		k.Wipe()
		return nil, "", err
	}
	if id != k.ID() {
		k.Wipe()
		return nil, "", damaged("its id does not match")
	}
	source, err := getMeta(ctx, q, keyTeamKeySource)
	if err != nil {
		k.Wipe()
		return nil, "", err
	}
	if source != teamKeyServer {
		source = teamKeyLocal
	}
	return k, source, nil
}

// sealPlain seals, in one transaction and once (meta seal_swept), every plain value an
// older version left in a sealed field (sweepTx); then, if anything was sealed now or before without the file
// being compacted since, compacts it (a compaction that cannot finish now is tried
// again at the next unlock).
func (db *DB) sealPlain(ctx context.Context) error {
	due := false
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		swept, err := getMeta(ctx, tx, keySwept)
		if err != nil {
			return err
		}
		if swept == "" {
			// the key in use now, inside the transaction: no other write (a new team
			// key) runs meanwhile
			var k *lockbox.TeamKey
			db.keys.mu.RLock()
			if db.keys.team != nil {
				k, _ = lockbox.TeamKeyFrom(db.keys.team.Raw())
			}
			db.keys.mu.RUnlock()
			if k == nil {
				return errLocked
			}
			defer k.Wipe()
			n, err := sweepTx(ctx, tx, sealWith(k))
			if err != nil {
				return err
			}
			if n > 0 {
				if err := setMeta(ctx, tx, keyCompactDue, "1"); err != nil {
					return err
				}
			}
			// Once: nothing stores a plain value after this (sealDoc, checkPulled,
			// the importer), and a restored older backup brings no such mark.
			if err := setMeta(ctx, tx, keySwept, involve.FormatTime(db.Now())); err != nil {
				return err
			}
		}
		v, err := getMeta(ctx, tx, keyCompactDue)
		due = v != ""
		return err
	})
	if err != nil || !due {
		return err
	}
	if err := db.Compact(ctx); err != nil {
		return nil // tried again at the next unlock
	}
	return db.inTx(ctx, func(tx *sql.Tx) error { return deleteMeta(ctx, tx, keyCompactDue) })
}

// Lock wipes the keys the store holds: sealed kinds are refused (ELOCKED) until Unlock.
func (db *DB) Lock() {
	db.keys.mu.Lock()
	db.wipeKeysLocked()
	db.keys.mu.Unlock()
}

func (db *DB) wipeKeysLocked() {
	lockbox.Wipe(db.keys.data)
	db.keys.team.Wipe()
	db.keys.replaced.Wipe()
	db.keys.data, db.keys.team, db.keys.source, db.keys.replaced = nil, nil, "", nil
}

// keySource is where the team key in use came from ("" when locked).
func (db *DB) keySource() string {
	db.keys.mu.RLock()
	defer db.keys.mu.RUnlock()
	return db.keys.source
}

// Unlocked reports whether the store holds its keys.
func (db *DB) Unlocked() bool {
	db.keys.mu.RLock()
	defer db.keys.mu.RUnlock()
	return db.keys.team != nil
}

// NeedsTeamKey reports whether the laptop should fetch its team's key from the server
// (GET syncapi.TeamKeyPath) before it syncs: it is enrolled with a staff or lead role,
// unlocked, and its key is not the one the server gave.
func (db *DB) NeedsTeamKey(ctx context.Context) (bool, error) {
	role, err := getMeta(ctx, db.reader, keyRole)
	if err != nil {
		return false, err
	}
	if role != involve.RoleNameStaff && role != involve.RoleNameLead {
		return false, nil
	}
	db.keys.mu.RLock()
	defer db.keys.mu.RUnlock()
	return db.keys.team != nil && db.keys.source != teamKeyServer, nil
}

// InstallTeamKey keeps the team's key from the server (wrapped by the data key; the
// store must be unlocked) and uses it from now on. Values sealed with a local key made
// before enrolment are sealed again with it, in one transaction. The caller keeps (and
// wipes) k: the store keeps a copy.
func (db *DB) InstallTeamKey(ctx context.Context, k *lockbox.TeamKey) error {
	if k == nil {
		return involve.Errorf(involve.EINVALID, "No team key was given.")
	}
	next, err := lockbox.TeamKeyFrom(k.Raw())
	if err != nil {
		return err
	}
	var prev, prevReplaced *lockbox.TeamKey
	var prevSource string
	swapped := false
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		// The keys in use, read inside the transaction: no other write (another new
		// key, an upgrade) runs meanwhile.
		var data []byte
		var old *lockbox.TeamKey
		same := false
		db.keys.mu.RLock()
		if db.keys.team != nil {
			data = append([]byte(nil), db.keys.data...)
			old, _ = lockbox.TeamKeyFrom(db.keys.team.Raw())
			same = old.ID() == next.ID() && db.keys.source == teamKeyServer
		}
		db.keys.mu.RUnlock()
		if data == nil {
			return errLocked
		}
		defer lockbox.Wipe(data)
		defer old.Wipe()
		if same {
			return nil
		}
		if old.ID() != next.ID() {
			if _, err := sweepTx(ctx, tx, resealWith(old, next)); err != nil {
				return err
			}
		}
		if err := storeTeamKey(ctx, tx, data, next, teamKeyServer); err != nil {
			return err
		}
		// Swapped in the transaction, so that nothing is sealed with the old key once
		// the new one is stored (no other write runs meanwhile: this is the writer).
		// The old key opens from now on what a read still sees in a snapshot from
		// before the commit, which is every read until then: kept as replaced at the
		// swap, not after the commit, or a read in between fails.
		db.keys.mu.Lock()
		prev, prevSource, prevReplaced = db.keys.team, db.keys.source, db.keys.replaced
		db.keys.team, db.keys.source, db.keys.replaced, swapped = next, teamKeyServer, prev, true
		db.keys.mu.Unlock()
		if afterTeamKeySwap != nil {
			afterTeamKeySwap()
		}
		return nil
	})
	if err != nil && swapped {
		db.keys.mu.Lock()
		if db.keys.team == next {
			db.keys.team, db.keys.source, db.keys.replaced = prev, prevSource, prevReplaced
			prev, prevReplaced = nil, nil
		}
		db.keys.mu.Unlock()
	}
	if !swapped || err != nil {
		next.Wipe()
		prev.Wipe()
		prevReplaced.Wipe()
		return err
	}
	prevReplaced.Wipe() // the key before prev: nothing this database holds names it now
	return nil
}

// afterTeamKeySwap, when not nil, runs inside InstallTeamKey's transaction just after
// the keys are swapped (tests: a read in the gap before the commit).
var afterTeamKeySwap func()

// TeamKeyID names the team key in use ("" when locked or none).
func (db *DB) TeamKeyID() string {
	db.keys.mu.RLock()
	defer db.keys.mu.RUnlock()
	if db.keys.team == nil {
		return ""
	}
	return db.keys.team.ID()
}

// HoldsSealedData reports whether the laptop keeps its team's key (from the server) or
// anything sealed (a record of a kind with sealed fields, its outbox entries, sync
// bases or conflicts): its passphrase cannot then be removed (the key would be in
// clear, or lost). A local key that sealed nothing is not data: it goes with the
// passphrase (ClearLockKey).
func (db *DB) HoldsSealedData(ctx context.Context) (bool, error) {
	return holdsSealedData(ctx, db.reader)
}

func holdsSealedData(ctx context.Context, q queryer) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT EXISTS(SELECT 1 FROM meta WHERE key = ?1 AND value = ?2)
		OR EXISTS(SELECT 1 FROM docs WHERE entity IN (SELECT value FROM json_each(?3)))
		OR EXISTS(SELECT 1 FROM outbox WHERE entity IN (SELECT value FROM json_each(?3)))
		OR EXISTS(SELECT 1 FROM sync_base WHERE entity IN (SELECT value FROM json_each(?3)))
		OR EXISTS(SELECT 1 FROM conflicts WHERE entity IN (SELECT value FROM json_each(?3)))`,
		keyTeamKeySource, teamKeyServer, sealedKinds).Scan(&n)
	return n > 0, err
}

// dropLocalKeys readies the removal of the passphrase (ClearLockKey, in its
// transaction): refused while the laptop holds sealed data; otherwise the local team
// key is forgotten and a sealed sync token is kept plain again (the data key that
// sealed it goes with the passphrase), which needs Involve unlocked.
func (db *DB) dropLocalKeys(ctx context.Context, tx *sql.Tx) error {
	held, err := holdsSealedData(ctx, tx)
	if err != nil {
		return err
	}
	if held {
		return involve.Errorf(involve.ECONFLICT, "The passphrase cannot be removed: this laptop keeps Lived Experience Partners' "+
			"details or its team's key sealed with it. Change the passphrase instead.")
	}
	tok, err := getMeta(ctx, tx, keyDeviceToken)
	if err != nil {
		return err
	}
	if strings.HasPrefix(tok, tokenPrefix) {
		plain, err := db.openToken(tok)
		if errors.Is(err, errTokenLocked) {
			return involve.Errorf(involve.ELOCKED, "Unlock Involve before removing its passphrase: the sync connection is sealed with it.")
		} else if err != nil {
			return err
		}
		if err := setMeta(ctx, tx, keyDeviceToken, plain); err != nil {
			return err
		}
	}
	return deleteMeta(ctx, tx, keyTeamKey, keyTeamKeyID, keyTeamKeySource, keyCompactDue)
}

// sealToken seals the device's sync token with the data key.
func sealToken(data []byte, token string) (string, error) {
	b, err := lockbox.Seal(data, []byte(token), tokenAAD)
	if err != nil {
		return "", err
	}
	return tokenPrefix + base64.StdEncoding.EncodeToString(b), nil
}

// openToken opens a stored sync token: a plain one as it is (a laptop without a
// passphrase), a sealed one with the data key (errTokenLocked while locked).
func (db *DB) openToken(stored string) (string, error) {
	rest, ok := strings.CutPrefix(stored, tokenPrefix)
	if !ok {
		return stored, nil
	}
	db.keys.mu.RLock()
	defer db.keys.mu.RUnlock()
	if db.keys.data == nil {
		return "", errTokenLocked
	}
	b, err := base64.StdEncoding.Strict().DecodeString(rest)
	if err != nil {
		return "", errors.New("the stored sync token is damaged: connect again")
	}
	p, err := lockbox.Open(db.keys.data, b, tokenAAD)
	if err != nil {
		return "", errors.New("the stored sync token cannot be opened: connect again")
	}
	return string(p), nil
}

// storedToken is the form a new sync token is stored in: sealed while unlocked; plain
// otherwise (a laptop without a passphrase; or one locked now, whose token is sealed
// at the next unlock).
func (db *DB) storedToken(token string) (string, error) {
	db.keys.mu.RLock()
	defer db.keys.mu.RUnlock()
	if db.keys.data == nil || token == "" {
		return token, nil
	}
	return sealToken(db.keys.data, token)
}
