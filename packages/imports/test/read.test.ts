import ExcelJS from 'exceljs';
import t from 'tap';
import { decodeCsv, formatOf, readCsv, readTable, readXlsx, type TableLine } from '../src/read.ts';

const all = async (lines: AsyncIterable<TableLine>) => {
  const out: TableLine[] = [];
  for await (const line of lines) out.push(line);
  return out;
};

// "编号,名称\r\n甲-1,乙公司\r\n" and a 4-byte character (U+20000) as a Chinese-locale Excel saves them:
// GB18030, which is not valid UTF-8.
const GB18030 = Buffer.from('b1e0bac52cc3fbb3c60d0abcd72d312cd2d2b9abcbbe95328236' + '0d0a', 'hex');

t.test('CSV in UTF-8 with or without BOM, or GB18030, decodes to the same text', async (t) => {
  t.equal(decodeCsv(Buffer.from('\uFEFF编号,名称\r\n')), '编号,名称\r\n', 'the BOM is dropped');
  t.equal(decodeCsv(Buffer.from('编号,名称\r\n')), '编号,名称\r\n');
  t.equal(
    decodeCsv(GB18030),
    '编号,名称\r\n甲-1,乙公司\u{20000}\r\n',
    'GB18030, four-byte sequences included',
  );
  t.same(await all(readCsv(GB18030)), [
    { line: 1, cells: ['编号', '名称'] },
    { line: 2, cells: ['甲-1', '乙公司\u{20000}'] },
  ]);
});

t.test(
  'CSV: quoted cells with commas, quotes and line breaks; cells trimmed; empty lines skipped; ragged rows kept',
  async (t) => {
    const text = '编号,名称\r\n\r\n A-1 ,"甲, ""乙""\r\n丙"\r\nB-2\r\nC-3,丁,多余\r\n';
    t.same(
      await all(readCsv(Buffer.from(text))),
      [
        { line: 1, cells: ['编号', '名称'] },
        { line: 5, cells: ['A-1', '甲, "乙"\r\n丙'] },
        { line: 6, cells: ['B-2'] },
        { line: 7, cells: ['C-3', '丁', '多余'] },
      ],
      'line counts physical lines, empty ones too; a record over two lines is numbered by its last',
    );
  },
);

t.test('CSV that is not CSV (an unclosed quote) throws while read', async (t) => {
  await t.rejects(all(readCsv(Buffer.from('a,b\r\n"unclosed,1\r\n'))), /quote/i);
});

t.test(
  'XLSX: the first sheet, as text; dates as YYYY-MM-DD, rich text joined, formulas by their result',
  async (t) => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('数据');
    sheet.addRow(['编号', '名称', '日期', '数量']);
    sheet.addRow([
      'A-1',
      { richText: [{ text: '甲' }, { text: '乙 ' }] },
      new Date(Date.UTC(2099, 5, 30)),
      3,
    ]);
    sheet.addRow([]);
    sheet.addRow([
      'B-2',
      { formula: 'CONCAT("丙","丁")', result: '丙丁' },
      null,
      { formula: '1+1', result: 2 },
    ]);
    workbook.addWorksheet('说明').addRow(['not', 'read']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    t.equal(formatOf(buffer), 'xlsx', 'a ZIP container is XLSX');
    t.same(await all(readXlsx(buffer)), [
      { line: 1, cells: ['编号', '名称', '日期', '数量'] },
      { line: 2, cells: ['A-1', '甲乙', '2099-06-30', '3'] },
      { line: 4, cells: ['B-2', '丙丁', '', '2'] },
    ]);
    t.same(await all(readTable(buffer, formatOf(buffer))), await all(readXlsx(buffer)));
  },
);

t.test('anything but a ZIP container is read as CSV; a broken workbook throws while read', async (t) => {
  t.equal(formatOf(Buffer.from('编号,名称')), 'csv');
  t.equal(formatOf(Buffer.alloc(2)), 'csv');
  const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]);
  t.equal(formatOf(broken), 'xlsx');
  await t.rejects(all(readXlsx(broken)));
});
