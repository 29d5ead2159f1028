import t from 'tap';
import { withKeyset } from '../src/index.ts';

t.test(
  'a route filter and the keyset condition become one query, so FerretDB can push equality down',
  async (t) => {
    t.same(withKeyset({ status: 'reported', grade: 'major' }, { $or: [{ reportedAt: { $lt: 1 } }] }), {
      status: 'reported',
      grade: 'major',
      $or: [{ reportedAt: { $lt: 1 } }],
    });
    t.same(withKeyset(undefined, { _id: { $gt: 'a' } }), { _id: { $gt: 'a' } });
  },
);

t.test(
  'when the route filter already uses a key of the keyset condition, both are kept under $and',
  async (t) => {
    const filter = { $or: [{ status: 'reported' }, { status: 'rectifying' }] };
    const keyset = { $or: [{ reportedAt: { $lt: 1 } }] };
    t.same(withKeyset(filter, keyset), { $and: [filter, keyset] });
  },
);
