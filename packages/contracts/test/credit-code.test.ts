import t from 'tap';
import { creditCode, creditCodeCheckChar, creditCodeProblem } from '../src/index.ts';

function messageOf(code: unknown): string | undefined {
  const result = creditCode.safeParse(code);
  return result.success ? undefined : result.error.issues.map((issue) => issue.message).join('; ');
}

t.test('the check character follows GB 32100-2015, worked by hand', async (t) => {
  // 9 1 3 5 0 1 0 0 M(21) 0 0 0 1 0 0 Y(30) 4 weighted by 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28:
  // 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640; 1640 mod 31 = 28; 31 - 28 = 3.
  t.equal(creditCodeCheckChar('91350100M000100Y4'), '3');
});

t.test('a remainder of 0 gives check character 0, not the 32nd character', async (t) => {
  t.equal(creditCodeCheckChar('9132059433912345R'), '0');
  t.equal(messageOf('9132059433912345R0'), undefined);
});

t.test('a check value of 30 is written Y', async (t) => {
  t.equal(creditCodeCheckChar('91320594339123454'), 'Y');
});

t.test('the check character function refuses input that is not 17 code characters', async (t) => {
  t.throws(() => creditCodeCheckChar('9132059433912345'), /17 characters/);
  t.throws(() => creditCodeCheckChar('9132059433912345O'), /"O" at position 17/);
});

t.test('valid codes of every common kind of organisation are accepted', async (t) => {
  const valid = {
    'a published enterprise code (Huawei Technologies, 深圳)': '914403001922038216',
    'an enterprise registered in a development zone': '91320594MA1MXX6T5W',
    'an individual business (个体工商户)': '92320594MA1P2K8Q3Q',
    'a public institution (事业单位)': '12320500466512345M',
    'a private non-enterprise unit (民办非企业单位)': '52320594MJ56789018',
    'a village collective (村级集体经济组织, authority N)': 'N2320594MF1234567K',
    'a law firm (律师执业机构, authority 3)': '31320000MD0123456M',
  };
  for (const [kind, code] of Object.entries(valid)) {
    t.equal(messageOf(code), undefined, kind);
    t.equal(creditCodeProblem(code), undefined, kind);
  }
});

t.test('a code of the wrong length is rejected naming the length', async (t) => {
  t.equal(messageOf('91320594MA1MXX6T5'), 'credit code must be 18 characters, got 17');
  t.equal(messageOf('91320594MA1MXX6T5WW'), 'credit code must be 18 characters, got 19');
  t.equal(messageOf(''), 'credit code must be 18 characters, got 0');
});

t.test('a character outside the alphabet is rejected naming it and its position', async (t) => {
  t.match(
    messageOf('91320594MA1MXO6T5W'),
    /character "O" at position 14 is not allowed: use 0-9 and A-Z without I, O, Z, S, V/,
  );
  t.match(messageOf('91320594MA1IXX6T5W'), /character "I" at position 12/);
  t.match(messageOf('91320594ma1mxx6t5w'), /character "m" at position 9 is not allowed \(use upper case\)/);
  t.match(messageOf('91320594MA1MXX6T5-'), /character "-" at position 18/);
});

t.test('a wrong check character is rejected naming the expected one', async (t) => {
  t.equal(
    messageOf('91320594MA1MXX6T5X'),
    'credit code check character (position 18) is wrong: expected W, got X',
  );
  t.equal(
    messageOf('914403001922038217'),
    'credit code check character (position 18) is wrong: expected 6, got 7',
  );
});

t.test('a swap of two characters is caught by the check character', async (t) => {
  t.match(messageOf('91320594AM1MXX6T5W'), /check character .* expected/);
});

t.test('an unknown registration authority, category or region is rejected', async (t) => {
  t.match(
    messageOf('B1320594MA1MXX6T5W'),
    /registration authority \(position 1\) must be one of 1 2 3 4 5 6 7 8 9 A N Y, got "B"/,
  );
  t.match(
    messageOf('90320594MA1MXX6T5W'),
    /institution category \(position 2\) must be a digit 1-9, got "0"/,
  );
  t.match(
    messageOf('9132A594MA1MXX6T5W'),
    /region \(positions 3-8\) must be a 6-digit GB\/T 2260 code, got "32A594"/,
  );
});

t.test('a value that is not a string is rejected as such', async (t) => {
  t.match(messageOf(914403001922038), /expected string/);
});
