package main

// Just enough of the MongoDB wire protocol for a lockstep proxy: read whole
// messages, find the database and command of a request, count the statements
// of an `update` command, and build error replies of our own.
//
// Layout (all integers little-endian):
//   header   int32 messageLength (includes the header), int32 requestID,
//            int32 responseTo, int32 opCode
//   OP_MSG   uint32 flagBits, sections..., [uint32 CRC-32C when bit 0 is set]
//            section kind 0: one BSON document (the command body, carries $db)
//            section kind 1: int32 size, cstring identifier, BSON documents
//   OP_QUERY int32 flags, cstring fullCollectionName ("admin.$cmd"),
//            int32 numberToSkip, int32 numberToReturn, BSON query, [BSON fields]
//   OP_REPLY int32 responseFlags, int64 cursorID, int32 startingFrom,
//            int32 numberReturned, BSON documents

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"sync/atomic"

	"go.mongodb.org/mongo-driver/bson"
)

const (
	opReply      = 1
	opQuery      = 2004
	opCompressed = 2012
	opMsg        = 2013

	headerLen = 16

	// MongoDB's maxMessageSizeBytes is 48,000,000; allow a little slack for
	// the header and sections. Anything larger is not a MongoDB message.
	maxMessageLen = 48_000_000 + 64*1024

	flagChecksumPresent uint32 = 1 << 0
	flagMoreToCome      uint32 = 1 << 1
	flagExhaustAllowed  uint32 = 1 << 16
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// message is one complete wire message, header included, as read off a socket.
type message struct {
	raw []byte
}

func (m *message) length() int32     { return int32(binary.LittleEndian.Uint32(m.raw[0:])) }
func (m *message) requestID() int32  { return int32(binary.LittleEndian.Uint32(m.raw[4:])) }
func (m *message) responseTo() int32 { return int32(binary.LittleEndian.Uint32(m.raw[8:])) }
func (m *message) opCode() int32     { return int32(binary.LittleEndian.Uint32(m.raw[12:])) }

// msgFlags returns the OP_MSG flag bits, or 0 for other opcodes.
func (m *message) msgFlags() uint32 {
	if m.opCode() != opMsg || len(m.raw) < headerLen+4 {
		return 0
	}
	return binary.LittleEndian.Uint32(m.raw[headerLen:])
}

// moreToCome reports whether the sender says no reply follows (for a
// request) or another reply follows (for a reply).
func (m *message) moreToCome() bool { return m.msgFlags()&flagMoreToCome != 0 }

// badMessageError: the peer sent something that is not a wire message.
type badMessageError struct{ length int32 }

func (e *badMessageError) Error() string { return fmt.Sprintf("invalid message length %d", e.length) }

// readMessage reads one whole message. The length is checked before the
// body is allocated so a garbage header cannot make us allocate gigabytes.
func readMessage(r io.Reader) (*message, error) {
	var hdr [headerLen]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, err
	}
	n := int32(binary.LittleEndian.Uint32(hdr[0:]))
	if n < headerLen || n > maxMessageLen {
		return nil, &badMessageError{length: n}
	}
	raw := make([]byte, n)
	copy(raw, hdr[:])
	if _, err := io.ReadFull(r, raw[headerLen:]); err != nil {
		return nil, err
	}
	return &message{raw: raw}, nil
}

// requestInfo is what the proxy needs to know about a request.
type requestInfo struct {
	DB      string // "" when it could not be found: the request takes the global lock
	Command string // first key of the command body, as sent (e.g. "update", "hello")

	// UpdateStatements counts the statements of an `update` command: the
	// documents of the kind-1 section "updates" plus the entries of the body's
	// "updates" array (a driver uses one or the other).
	UpdateStatements int

	MoreToCome     bool // request flag bit 1: the client reads no reply (FerretDB 1.24 sends one anyway)
	ExhaustAllowed bool // request flag bit 16: the server may stream replies
	Checksum       bool // flag bit 0: a CRC-32C trails the message
}

// inspect parses a request. An error means the request is not understood;
// the proxy still forwards it (FerretDB gives the real error) under the
// global lock.
func inspect(m *message) (requestInfo, error) {
	switch m.opCode() {
	case opMsg:
		return inspectMsg(m.raw)
	case opQuery:
		return inspectQuery(m.raw)
	default:
		return requestInfo{}, fmt.Errorf("opcode %d not inspected", m.opCode())
	}
}

func inspectMsg(raw []byte) (requestInfo, error) {
	var info requestInfo
	if len(raw) < headerLen+4 {
		return info, errors.New("OP_MSG too short")
	}
	flags := binary.LittleEndian.Uint32(raw[headerLen:])
	info.Checksum = flags&flagChecksumPresent != 0
	info.MoreToCome = flags&flagMoreToCome != 0
	info.ExhaustAllowed = flags&flagExhaustAllowed != 0

	end := len(raw)
	if info.Checksum {
		end -= 4 // the checksum is not a section
	}
	pos := headerLen + 4
	if end < pos {
		return info, errors.New("OP_MSG too short for its checksum")
	}

	var body bson.Raw
	sectionUpdates := 0
	for pos < end {
		kind := raw[pos]
		pos++
		switch kind {
		case 0:
			doc, err := bsonAt(raw[:end], pos)
			if err != nil {
				return info, fmt.Errorf("kind-0 section: %w", err)
			}
			if body != nil {
				return info, errors.New("OP_MSG with two kind-0 sections")
			}
			body = doc
			pos += len(doc)
		case 1:
			if end-pos < 4 {
				return info, errors.New("kind-1 section truncated")
			}
			size := int(int32(binary.LittleEndian.Uint32(raw[pos:])))
			if size < 5 || pos+size > end {
				return info, fmt.Errorf("kind-1 section size %d out of range", size)
			}
			sec := raw[pos : pos+size]
			nul := indexByte(sec[4:], 0)
			if nul < 0 {
				return info, errors.New("kind-1 identifier not terminated")
			}
			ident := string(sec[4 : 4+nul])
			docs := 0
			for p := 4 + nul + 1; p < len(sec); {
				doc, err := bsonAt(sec, p)
				if err != nil {
					return info, fmt.Errorf("kind-1 section %q: %w", ident, err)
				}
				p += len(doc)
				docs++
			}
			if ident == "updates" {
				sectionUpdates += docs
			}
			pos += size
		default:
			return info, fmt.Errorf("unknown section kind %d", kind)
		}
	}
	if body == nil {
		return info, errors.New("OP_MSG without a kind-0 section")
	}

	first, err := body.IndexErr(0)
	if err != nil {
		return info, fmt.Errorf("empty command body: %w", err)
	}
	info.Command = first.Key()

	if v, err := body.LookupErr("$db"); err == nil {
		if s, ok := v.StringValueOK(); ok {
			info.DB = s
		}
	}

	if info.Command == "update" {
		info.UpdateStatements = sectionUpdates
		if v, err := body.LookupErr("updates"); err == nil {
			if arr, ok := v.ArrayOK(); ok {
				vals, err := arr.Values()
				if err != nil {
					return info, fmt.Errorf("updates array: %w", err)
				}
				info.UpdateStatements += len(vals)
			}
		}
	}
	return info, nil
}

// inspectQuery handles legacy OP_QUERY, which drivers still use for the
// first handshake ("admin.$cmd" + {isMaster: 1} / {hello: 1}).
func inspectQuery(raw []byte) (requestInfo, error) {
	var info requestInfo
	pos := headerLen + 4 // flags
	if len(raw) < pos+1 {
		return info, errors.New("OP_QUERY too short")
	}
	nul := indexByte(raw[pos:], 0)
	if nul < 0 {
		return info, errors.New("OP_QUERY collection name not terminated")
	}
	fullName := string(raw[pos : pos+nul])
	pos += nul + 1 + 8 // skip numberToSkip, numberToReturn
	db, _, ok := strings.Cut(fullName, ".")
	if !ok || db == "" {
		return info, fmt.Errorf("OP_QUERY collection name %q has no database", fullName)
	}
	info.DB = db

	q, err := bsonAt(raw, pos)
	if err != nil {
		return info, fmt.Errorf("OP_QUERY query: %w", err)
	}
	// Commands may be wrapped as {$query: {...}, $readPreference: ...}.
	if v, err := q.LookupErr("$query"); err == nil {
		if inner, ok := v.DocumentOK(); ok {
			q = inner
		}
	}
	if first, err := q.IndexErr(0); err == nil {
		info.Command = first.Key()
	}
	return info, nil
}

// bsonAt returns the validated BSON document starting at buf[pos].
func bsonAt(buf []byte, pos int) (bson.Raw, error) {
	if pos+5 > len(buf) {
		return nil, errors.New("BSON document truncated")
	}
	n := int(int32(binary.LittleEndian.Uint32(buf[pos:])))
	if n < 5 || pos+n > len(buf) {
		return nil, fmt.Errorf("BSON document length %d out of range", n)
	}
	doc := bson.Raw(buf[pos : pos+n])
	if err := doc.Validate(); err != nil {
		return nil, err
	}
	return doc, nil
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// clearExhaust removes the exhaustAllowed bit from an OP_MSG request so the
// server can never stream several replies to it: the proxy works in lockstep
// (one request, one reply) and holds a lock meanwhile. FerretDB does not
// stream anyway; this makes the assumption hold whatever a driver asks. The
// checksum, if present, is recomputed.
func clearExhaust(m *message) {
	flags := m.msgFlags()
	if flags&flagExhaustAllowed == 0 {
		return
	}
	flags &^= flagExhaustAllowed
	binary.LittleEndian.PutUint32(m.raw[headerLen:], flags)
	if flags&flagChecksumPresent != 0 && len(m.raw) >= headerLen+8 {
		n := len(m.raw) - 4
		binary.LittleEndian.PutUint32(m.raw[n:], crc32.Checksum(m.raw[:n], castagnoli))
	}
}

// Our own replies need request IDs; start high so they are easy to spot.
var nextRequestID atomic.Int32

func init() { nextRequestID.Store(1 << 24) }

func putHeader(b []byte, length, requestID, responseTo, op int32) {
	binary.LittleEndian.PutUint32(b[0:], uint32(length))
	binary.LittleEndian.PutUint32(b[4:], uint32(requestID))
	binary.LittleEndian.PutUint32(b[8:], uint32(responseTo))
	binary.LittleEndian.PutUint32(b[12:], uint32(op))
}

// buildMsg builds an OP_MSG with a single kind-0 section holding doc.
func buildMsg(requestID, responseTo int32, flags uint32, doc []byte) []byte {
	n := headerLen + 4 + 1 + len(doc)
	b := make([]byte, n)
	putHeader(b, int32(n), requestID, responseTo, opMsg)
	binary.LittleEndian.PutUint32(b[headerLen:], flags)
	b[headerLen+4] = 0
	copy(b[headerLen+5:], doc)
	return b
}

// buildReply builds an OP_REPLY carrying one document (answer to OP_QUERY).
func buildReply(requestID, responseTo int32, doc []byte) []byte {
	n := headerLen + 4 + 8 + 4 + 4 + len(doc)
	b := make([]byte, n)
	putHeader(b, int32(n), requestID, responseTo, opReply)
	// responseFlags 0, cursorID 0, startingFrom 0 are already zero
	binary.LittleEndian.PutUint32(b[headerLen+16:], 1) // numberReturned
	copy(b[headerLen+20:], doc)
	return b
}

// errorReply answers req with a command error {ok: 0, errmsg, code,
// codeName}, in the reply format that matches the request's opcode.
func errorReply(req *message, code int32, codeName, errmsg string) []byte {
	doc, err := bson.Marshal(bson.D{
		{Key: "ok", Value: 0.0},
		{Key: "errmsg", Value: errmsg},
		{Key: "code", Value: code},
		{Key: "codeName", Value: codeName},
	})
	if err != nil {
		panic(err) // a fixed-shape document always marshals
	}
	id := nextRequestID.Add(1)
	if req.opCode() == opQuery {
		return buildReply(id, req.requestID(), doc)
	}
	return buildMsg(id, req.requestID(), 0, doc)
}

// replyBody returns the first document of an OP_MSG or OP_REPLY reply.
func replyBody(m *message) (bson.Raw, error) {
	switch m.opCode() {
	case opMsg:
		end := len(m.raw)
		if m.msgFlags()&flagChecksumPresent != 0 {
			end -= 4
		}
		for pos := headerLen + 4; pos < end; {
			kind := m.raw[pos]
			pos++
			if kind == 0 {
				return bsonAt(m.raw[:end], pos)
			}
			if kind != 1 || pos+4 > end {
				break
			}
			pos += int(int32(binary.LittleEndian.Uint32(m.raw[pos:])))
		}
		return nil, errors.New("reply without a kind-0 section")
	case opReply:
		return bsonAt(m.raw, headerLen+20)
	default:
		return nil, fmt.Errorf("unexpected reply opcode %d", m.opCode())
	}
}
