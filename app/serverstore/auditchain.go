package serverstore

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// The audit log is a hash chain. Every entry, of every team, gets the next sequence
// number of the whole log (1, 2, 3…) and a hash: the hex SHA-256 of the previous
// entry's hash and a canonical encoding of the entry's own fields (ChainHash). An
// entry whose text was edited no longer matches its hash; an entry deleted from the
// middle leaves a gap in the numbers; an entry moved breaks the order of the numbers.
// Whoever can write the database can also recompute every hash after a change, and
// can cut entries off the end: both are caught only by comparing the log's head hash
// (VerifyAudit reports it) with one written down earlier, away from the server.
//
// Each store appends under a lock held until commit (SQLite's one writer, a
// PostgreSQL advisory lock), so that two appends never take the same number or chain
// from the same entry. Entries written before the chain existed (or by an older
// server sharing the database during an upgrade) are chained, in the order they were
// written, by the next append or migration: "sealed" (a store's sealAudit).

// ServerTeam is the team id of audit entries about the whole server rather than one
// team: failed authentications from a client no team is known for.
const ServerTeam = ""

// chainDomain opens every encoded entry: a hash of anything else never matches.
const chainDomain = "involve-audit-v1"

// ChainTime is an entry's time as its hash covers it: UTC, to the microsecond (what
// both databases keep).
func ChainTime(t time.Time) string {
	return t.UTC().Truncate(time.Microsecond).Format("2006-01-02T15:04:05.000000Z")
}

// ChainHash is the hash of entry e with sequence number seq that follows an entry
// whose hash is prev ("" for the first entry): the hex SHA-256 of chainDomain, prev,
// seq in decimal, ChainTime(e.At), e.TeamID, e.DeviceID, e.Action and e.Detail, each
// as its length in bytes (8 bytes, big-endian) followed by its bytes. The lengths make
// the encoding unambiguous: no change of field boundaries gives the same bytes.
func ChainHash(prev string, seq int64, e AuditEntry) string {
	h := sha256.New()
	var n [8]byte
	for _, f := range [...]string{chainDomain, prev, strconv.FormatInt(seq, 10), ChainTime(e.At), e.TeamID, e.DeviceID, e.Action, e.Detail} {
		binary.BigEndian.PutUint64(n[:], uint64(len(f)))
		h.Write(n[:])
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ChainBreak is the first entry of the log that does not verify.
type ChainBreak struct {
	Position int64 // 1 for the oldest entry, in the order entries were written
	Entry    AuditEntry
	Reason   string
}

func (b *ChainBreak) Error() string {
	return fmt.Sprintf("audit log broken at entry %d (number %d, %s, %s, team %q): %s",
		b.Position, b.Entry.Seq, ChainTime(b.Entry.At), b.Entry.Action, b.Entry.TeamID, b.Reason)
}

// ChainReport is what VerifyAudit found.
type ChainReport struct {
	Entries int64  // entries read (up to and including a break)
	Head    string // the hash of the last entry verified ("" for an empty log)
	HeadSeq int64  // its sequence number
	// WantHead is the head hash VerifyAudit was asked to find ("" for none);
	// WantHeadAt is the position of the entry that has it (0: not in the log).
	WantHead   string
	WantHeadAt int64
	Break      *ChainBreak // nil when every entry verifies
}

// errStop ends EachAudit at the first break.
var errStop = errors.New("stop")

// VerifyAudit walks the whole audit log in the order it was written and checks every
// entry's sequence number and hash. It stops at the first entry that does not verify
// (Break). When head is not "", it also looks for the entry with that hash (a head
// written down earlier): a log cut short, or rewritten with new hashes, no longer has
// it.
func VerifyAudit(ctx context.Context, st Store, head string) (ChainReport, error) {
	r := ChainReport{WantHead: head}
	prev, want := "", int64(1)
	err := st.EachAudit(ctx, func(e AuditEntry) error {
		r.Entries++
		reason := ""
		switch {
		case e.Hash == "":
			reason = "it has no hash: it was written without one, or its hash was removed"
		case e.Seq > want:
			reason = fmt.Sprintf("it is numbered %d where %d was expected: an entry before it was deleted, or moved elsewhere in the log", e.Seq, want)
		case e.Seq < want:
			reason = fmt.Sprintf("it is numbered %d where %d was expected: entries were moved or copied", e.Seq, want)
		case ChainHash(prev, e.Seq, e) != e.Hash:
			reason = "it does not match its hash: its fields or its hash were changed after it was written"
		}
		if reason != "" {
			r.Break = &ChainBreak{Position: r.Entries, Entry: e, Reason: reason}
			return errStop
		}
		prev, want = e.Hash, e.Seq+1
		r.Head, r.HeadSeq = e.Hash, e.Seq
		if head != "" && e.Hash == head && r.WantHeadAt == 0 {
			r.WantHeadAt = r.Entries
		}
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return r, err
	}
	return r, nil
}
