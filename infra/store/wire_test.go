package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"testing"

	"go.mongodb.org/mongo-driver/bson"
)

// Handmade messages, assembled byte by byte the way a driver would.

func mustBSON(t *testing.T, d bson.D) []byte {
	t.Helper()
	b, err := bson.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type section struct {
	kind  byte
	ident string   // kind 1
	docs  [][]byte // kind 0: exactly one
}

func opMsgBytes(reqID int32, flags uint32, secs []section) []byte {
	var body bytes.Buffer
	_ = binary.Write(&body, binary.LittleEndian, flags)
	for _, s := range secs {
		body.WriteByte(s.kind)
		if s.kind == 0 {
			body.Write(s.docs[0])
			continue
		}
		size := 4 + len(s.ident) + 1
		for _, d := range s.docs {
			size += len(d)
		}
		_ = binary.Write(&body, binary.LittleEndian, int32(size))
		body.WriteString(s.ident)
		body.WriteByte(0)
		for _, d := range s.docs {
			body.Write(d)
		}
	}
	n := headerLen + body.Len()
	if flags&flagChecksumPresent != 0 {
		n += 4
	}
	out := make([]byte, headerLen, n)
	putHeader(out, int32(n), reqID, 0, opMsg)
	out = append(out, body.Bytes()...)
	if flags&flagChecksumPresent != 0 {
		out = binary.LittleEndian.AppendUint32(out, crc32.Checksum(out, castagnoli))
	}
	return out
}

func opQueryBytes(reqID int32, fullName string, q []byte) []byte {
	var body bytes.Buffer
	_ = binary.Write(&body, binary.LittleEndian, int32(0)) // flags
	body.WriteString(fullName)
	body.WriteByte(0)
	_ = binary.Write(&body, binary.LittleEndian, int32(0))  // numberToSkip
	_ = binary.Write(&body, binary.LittleEndian, int32(-1)) // numberToReturn
	body.Write(q)
	out := make([]byte, headerLen)
	putHeader(out, int32(headerLen+body.Len()), reqID, 0, opQuery)
	return append(out, body.Bytes()...)
}

func read(t *testing.T, raw []byte) *message {
	t.Helper()
	m, err := readMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func updateStmts(t *testing.T, n int) [][]byte {
	var docs [][]byte
	for i := range n {
		docs = append(docs, mustBSON(t, bson.D{
			{Key: "q", Value: bson.D{{Key: "_id", Value: i}}},
			{Key: "u", Value: bson.D{{Key: "$inc", Value: bson.D{{Key: "n", Value: 1}}}}},
		}))
	}
	return docs
}

func TestUpdateStatementsInKind1Section(t *testing.T) {
	body := mustBSON(t, bson.D{{Key: "update", Value: "items"}, {Key: "ordered", Value: true}, {Key: "$db", Value: "shop"}})
	raw := opMsgBytes(7, 0, []section{
		{kind: 0, docs: [][]byte{body}},
		{kind: 1, ident: "updates", docs: updateStmts(t, 60)},
	})
	info, err := inspect(read(t, raw))
	if err != nil {
		t.Fatal(err)
	}
	if info.Command != "update" || info.DB != "shop" || info.UpdateStatements != 60 {
		t.Fatalf("got %+v", info)
	}
}

func TestUpdateStatementsInBodyArray(t *testing.T) {
	var arr bson.A
	for _, d := range updateStmts(t, 12) {
		arr = append(arr, bson.Raw(d))
	}
	body := mustBSON(t, bson.D{{Key: "update", Value: "items"}, {Key: "updates", Value: arr}, {Key: "$db", Value: "shop"}})
	info, err := inspect(read(t, opMsgBytes(8, 0, []section{{kind: 0, docs: [][]byte{body}}})))
	if err != nil {
		t.Fatal(err)
	}
	if info.UpdateStatements != 12 {
		t.Fatalf("want 12 statements, got %+v", info)
	}
}

func TestOtherSectionsAreNotUpdates(t *testing.T) {
	// Kind-1 section first (the spec allows any order), and not "updates".
	body := mustBSON(t, bson.D{{Key: "insert", Value: "items"}, {Key: "$db", Value: "shop"}})
	raw := opMsgBytes(9, 0, []section{
		{kind: 1, ident: "documents", docs: updateStmts(t, 30)},
		{kind: 0, docs: [][]byte{body}},
	})
	info, err := inspect(read(t, raw))
	if err != nil {
		t.Fatal(err)
	}
	if info.Command != "insert" || info.UpdateStatements != 0 || info.DB != "shop" {
		t.Fatalf("got %+v", info)
	}
}

func TestChecksumIsNotParsedAsSection(t *testing.T) {
	body := mustBSON(t, bson.D{{Key: "find", Value: "items"}, {Key: "$db", Value: "app"}})
	raw := opMsgBytes(10, flagChecksumPresent, []section{{kind: 0, docs: [][]byte{body}}})
	info, err := inspect(read(t, raw))
	if err != nil {
		t.Fatal(err)
	}
	if !info.Checksum || info.DB != "app" || info.Command != "find" {
		t.Fatalf("got %+v", info)
	}
	// Without the flag the same 4 trailing bytes are garbage.
	binary.LittleEndian.PutUint32(raw[headerLen:], 0)
	if _, err := inspect(read(t, raw)); err == nil {
		t.Fatal("trailing bytes without checksum flag should not parse")
	}
}

func TestMoreToComeAndExhaust(t *testing.T) {
	body := mustBSON(t, bson.D{{Key: "insert", Value: "logs"}, {Key: "$db", Value: "app"}})
	m := read(t, opMsgBytes(11, flagMoreToCome, []section{{kind: 0, docs: [][]byte{body}}}))
	info, err := inspect(m)
	if err != nil {
		t.Fatal(err)
	}
	if !info.MoreToCome || !m.moreToCome() {
		t.Fatalf("moreToCome not seen: %+v", info)
	}

	// exhaustAllowed is cleared and the checksum recomputed.
	hello := mustBSON(t, bson.D{{Key: "hello", Value: 1}, {Key: "$db", Value: "admin"}})
	m = read(t, opMsgBytes(12, flagExhaustAllowed|flagChecksumPresent, []section{{kind: 0, docs: [][]byte{hello}}}))
	if info, _ := inspect(m); !info.ExhaustAllowed {
		t.Fatal("exhaustAllowed not seen")
	}
	clearExhaust(m)
	if m.msgFlags() != flagChecksumPresent {
		t.Fatalf("flags after clear: %#x", m.msgFlags())
	}
	n := len(m.raw) - 4
	if got, want := binary.LittleEndian.Uint32(m.raw[n:]), crc32.Checksum(m.raw[:n], castagnoli); got != want {
		t.Fatalf("checksum %#x, want %#x", got, want)
	}
}

func TestLegacyOpQueryHandshake(t *testing.T) {
	q := mustBSON(t, bson.D{{Key: "isMaster", Value: 1}, {Key: "client", Value: bson.D{{Key: "driver", Value: "x"}}}})
	info, err := inspect(read(t, opQueryBytes(1, "admin.$cmd", q)))
	if err != nil {
		t.Fatal(err)
	}
	if info.DB != "admin" || info.Command != "isMaster" {
		t.Fatalf("got %+v", info)
	}
	wrapped := mustBSON(t, bson.D{{Key: "$query", Value: bson.D{{Key: "hello", Value: 1}}}})
	info, err = inspect(read(t, opQueryBytes(2, "zone.$cmd", wrapped)))
	if err != nil || info.DB != "zone" || info.Command != "hello" {
		t.Fatalf("got %+v, %v", info, err)
	}
}

func TestUnparseableGivesNoDB(t *testing.T) {
	body := mustBSON(t, bson.D{{Key: "ping", Value: 1}, {Key: "$db", Value: "x"}})
	raw := opMsgBytes(13, 0, []section{{kind: 0, docs: [][]byte{body}}})
	raw[headerLen+4] = 7 // unknown section kind
	if info, err := inspect(read(t, raw)); err == nil || info.DB != "" {
		t.Fatalf("want error and no db, got %+v %v", info, err)
	}
	compressed := make([]byte, headerLen+9)
	putHeader(compressed, int32(len(compressed)), 14, 0, opCompressed)
	if info, err := inspect(read(t, compressed)); err == nil || info.DB != "" {
		t.Fatalf("OP_COMPRESSED should not be understood: %+v", info)
	}
}

func TestReadMessageRejectsBadLength(t *testing.T) {
	hdr := make([]byte, headerLen)
	putHeader(hdr, 1<<30, 1, 0, opMsg)
	_, err := readMessage(bytes.NewReader(hdr))
	var bad *badMessageError
	if !errors.As(err, &bad) {
		t.Fatalf("want badMessageError, got %v", err)
	}
}

func TestErrorReplies(t *testing.T) {
	body := mustBSON(t, bson.D{{Key: "update", Value: "c"}, {Key: "$db", Value: "d"}})
	req := read(t, opMsgBytes(4242, 0, []section{{kind: 0, docs: [][]byte{body}}}))
	rep := read(t, errorReply(req, 2, "BadValue", "refused"))
	if rep.opCode() != opMsg || rep.responseTo() != 4242 {
		t.Fatalf("op %d responseTo %d", rep.opCode(), rep.responseTo())
	}
	doc, err := replyBody(rep)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Lookup("codeName").StringValue() != "BadValue" || doc.Lookup("code").Int32() != 2 || okIsOne(doc) {
		t.Fatalf("reply %s", doc)
	}

	q := read(t, opQueryBytes(99, "admin.$cmd", mustBSON(t, bson.D{{Key: "isMaster", Value: 1}})))
	rep = read(t, errorReply(q, 50, "MaxTimeMSExpired", "slow"))
	if rep.opCode() != opReply || rep.responseTo() != 99 {
		t.Fatalf("legacy reply: op %d responseTo %d", rep.opCode(), rep.responseTo())
	}
	if doc, err := replyBody(rep); err != nil || doc.Lookup("code").Int32() != 50 {
		t.Fatalf("legacy reply body %s %v", doc, err)
	}
}
