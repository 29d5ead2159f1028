// What the end-to-end test sends to the real services it runs as processes: plain HTTP, as any
// client would (services never import each other, tests included).

/** Request headers: who calls (a bearer token), and more. */
export type Who = Record<string, string>;
export type Body = Record<string, unknown>;

export interface Answer {
  status: number;
  body: Body;
  etag: string | null;
}

/** A JSON request to a service process: GET without a body, POST with one unless told. */
export async function call(
  base: string,
  path: string,
  init: { method?: string; headers: Who; body?: unknown },
): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...init.headers, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return {
    status: res.status,
    body: (await res.json()) as Body,
    etag: res.headers.get('etag'),
  };
}

/**
 * A life-cycle action on a resource of a service process: reads it for its ETag (as `reader`), then
 * posts `<resource>/<action>` with If-Match as `who`; throws unless answered 200.
 */
export async function actOn(
  base: string,
  resource: string,
  action: string,
  body: Body,
  who: Who,
  reader: Who = who,
): Promise<void> {
  const current = await call(base, resource, { headers: reader });
  const res = await call(base, `${resource}/${action}`, {
    headers: { ...who, 'if-match': current.etag ?? '' },
    body,
  });
  if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** A school's canteen (单位食堂, 学校食堂) as the food-drug service's POST /businesses takes it. */
export const schoolCanteen = (creditCode: string) => ({
  creditCode,
  name: '南京市江宁区东区实验小学食堂',
  address: '南京市江宁区东区科技大道18号',
  kind: 'unit-canteen',
  categories: ['school-canteen'],
  area: '东区',
  licence: { type: 'food-business', number: 'JY23201130000043' },
});

/** A sample taken on `day` with one item over its limit, as POST /samples takes it: unqualified. */
export const unqualifiedSample = (creditCode: string, day: string) => ({
  creditCode,
  product: '学生营养午餐（红烧鸡块）',
  batch: `${day.replaceAll('-', '')}-02`,
  productionDate: day,
  sampledOn: day,
  lab: '南京市食品药品监督检验院',
  items: [{ item: '菌落总数', value: '2.3×10⁵', limit: '≤1×10⁵', unit: 'CFU/g', qualified: false }],
});
