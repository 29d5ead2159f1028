import ExcelJS from 'exceljs';
import t from 'tap';
import { readCsv, readXlsx, type TableLine } from '../src/read.ts';
import { mapHeader } from '../src/table.ts';
import { csvText, headerRow, templateCsv, templateXlsx } from '../src/template.ts';
import { THING_COLUMNS } from './helpers/things.ts';

const spec = {
  columns: THING_COLUMNS,
  template: {
    examples: [
      ['A-1', '甲', '3'],
      ['B-2', '乙, "丙"', ''],
    ],
    filename: { zh: '物品清单模板', en: 'thing-template' },
  },
};

const all = async (lines: AsyncIterable<TableLine>) => {
  const out: string[][] = [];
  for await (const line of lines) out.push(line.cells);
  return out;
};

t.test('the CSV template: a BOM, the "zh / en" header and the examples, quoted where needed', async (t) => {
  const text = templateCsv(spec).toString('utf8');
  t.equal(text, '\uFEFF编号 / code,名称 / name,数量 / count\r\nA-1,甲,3\r\nB-2,"乙, ""丙""",\r\n');
  t.same(await all(readCsv(templateCsv(spec))), [
    headerRow(THING_COLUMNS),
    ['A-1', '甲', '3'],
    ['B-2', '乙, "丙"', ''],
  ]);
  t.equal(csvText([['a\nb', 'c']]), '\uFEFF"a\nb",c\r\n', 'a line break is quoted');
});

t.test(
  'the XLSX template: the table sheet, then 说明 with each column’s help and whether it is required',
  async (t) => {
    const buffer = await templateXlsx({ ...spec, template: { ...spec.template, sheet: '清单' } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    t.same(
      workbook.worksheets.map((s) => s.name),
      ['清单', '说明'],
    );
    const help = workbook.getWorksheet('说明');
    t.same(
      [1, 2, 3, 4].map((row) => help?.getRow(row).values),
      [
        [undefined, '列 / column', '说明 / meaning', '必填 / required'],
        [undefined, '编号 / code', '唯一，不含空格 / unique, no spaces', '是'],
        [undefined, '名称 / name', '', '是'],
        [undefined, '数量 / count', '整数 / a whole number', '否'],
      ],
    );
    const read = await all(readXlsx(buffer));
    t.same(
      read,
      [headerRow(THING_COLUMNS), ['A-1', '甲', '3'], ['B-2', '乙, "丙"']],
      'the table is read back',
    );
    t.same(mapHeader(THING_COLUMNS, read[0] ?? []).missing, [], 'its header names every column');
  },
);

t.test('the XLSX template with other rows, on a sheet named 数据 by default', async (t) => {
  const buffer = await templateXlsx(spec, [['C-3', '丁', '']]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  t.equal(workbook.worksheets[0]?.name, '数据');
  t.same(await all(readXlsx(buffer)), [headerRow(THING_COLUMNS), ['C-3', '丁']]);
});
