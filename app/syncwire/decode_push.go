package syncwire

import "github.com/hin-south-london/involve/app/syncapi"

var (
	pushAnswerFields = []string{"results", "since", "cursor", "row", "batch"}
	resultFields     = []string{"changeId", "status", "rev", "state", "code", "reason", "conflicts", "updatedAt"}
	statuses         = []string{syncapi.StatusApplied, syncapi.StatusDuplicate, syncapi.StatusMerged, syncapi.StatusConflict, syncapi.StatusRejected}
)

// DecodePushResponse reads a push answer as encoding/json reads it into a
// syncapi.PushResponse, when it is of the form the server writes (AppendPushResponse:
// its own field names, each once, nothing after it); ok false otherwise: decode it
// with encoding/json then (which also ignores fields it does not know). A result's
// State is a slice of body; a state of null is left to encoding/json (which keeps it
// as the bytes null). A laptop read its answers to a push of 100 000 records through
// encoding/json's reflection (issue 17).
func DecodePushResponse(body []byte) (resp syncapi.PushResponse, ok bool) {
	p := parser{data: body}
	if p.peek() != '{' {
		return resp, false
	}
	ok = p.object(pushAnswerFields, func(k int) bool {
		switch k {
		case 0:
			resp.Results = make([]syncapi.Result, 0, 64)
			return p.array(func() bool {
				resp.Results = append(resp.Results, syncapi.Result{})
				return p.peek() == '{' && p.result(&resp.Results[len(resp.Results)-1])
			})
		case 1, 2:
			s, ok := p.text()
			if k == 1 {
				resp.Since = s
			} else {
				resp.Cursor = s
			}
			return ok
		case 3:
			var ok bool
			resp.Row, ok = p.bool()
			return ok
		default:
			n, ok := p.int()
			resp.Batch = int(n)
			return ok && int64(resp.Batch) == n
		}
	})
	if !ok || !p.end() {
		return syncapi.PushResponse{}, false
	}
	return resp, true
}

// result reads one push result into r (zero).
func (p *parser) result(r *syncapi.Result) bool {
	return p.object(resultFields, func(k int) bool {
		var ok bool
		switch k {
		case 0:
			r.ChangeID, ok = p.text()
		case 1:
			var s []byte
			if s, ok = p.str(); ok {
				r.Status = oneOf(s, statuses) // the status's constant: no string of its own
			} else {
				r.Status, ok = p.text()
			}
		case 2:
			r.Rev, ok = p.int()
		case 3:
			var b []byte
			b, ok = p.raw(3) // in the answer, the list and the result
			r.State = b
			ok = ok && string(b) != "null"
		case 4:
			r.Code, ok = p.text()
		case 5:
			r.Reason, ok = p.text()
		case 6:
			if p.null() {
				return false // encoding/json's nil: left to it
			}
			r.Conflicts = []string{}
			ok = p.array(func() bool {
				s, ok := p.text()
				r.Conflicts = append(r.Conflicts, s)
				return ok
			})
		default:
			r.UpdatedAt, ok = p.text()
		}
		return ok
	})
}
