import { z } from 'zod';

/**
 * The 31 characters a Unified Social Credit Code (统一社会信用代码, GB 32100-2015) may use, in
 * value order: digits, then upper-case letters without I, O, Z, S and V (too easily misread).
 */
export const creditCodeAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// Weight of position i is 3^(i-1) mod 31 (GB/T 17710, ISO 7064 style, modulus 31).
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/**
 * Registration authorities (登记管理部门, position 1). GB 32100-2015 names 1 机构编制, 5 民政,
 * 9 工商 and Y 其他; the code table maintained under it has since assigned 2 外交, 3 司法行政, 4 文化,
 * 6 旅游, 7 宗教, 8 工会, A 中央军委改革和编制办公室 and N 农业, and real codes carry all of them.
 */
const registrationAuthorities = '123456789ANY';

function charValue(char: string): number {
  return creditCodeAlphabet.indexOf(char);
}

/**
 * The check character (position 18) of a credit code whose first 17 characters are `first17`:
 * 31 − (Σ value × weight mod 31), where 31 becomes 0, written in the code's alphabet.
 * Throws when `first17` is not 17 characters of that alphabet.
 */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) {
    throw new RangeError(`expected the first 17 characters of a credit code, got ${first17.length}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = charValue(first17.charAt(i));
    if (value < 0) {
      throw new RangeError(
        `character ${JSON.stringify(first17.charAt(i))} at position ${i + 1} is not allowed`,
      );
    }
    sum += value * (weights[i] ?? 0);
  }
  return creditCodeAlphabet.charAt((31 - (sum % 31)) % 31);
}

/**
 * What is wrong with `code` as a Unified Social Credit Code, in words, or `undefined` when it is
 * valid. Checks, in order: length, alphabet, registration authority, institution category,
 * region code, check character — and reports the first problem found.
 */
export function creditCodeProblem(code: string): string | undefined {
  if (code.length !== 18) {
    return `credit code must be 18 characters, got ${code.length}`;
  }
  for (let i = 0; i < code.length; i++) {
    const char = code.charAt(i);
    if (charValue(char) < 0) {
      const hint = /[a-z]/.test(char) ? ' (use upper case)' : '';
      return `credit code character ${JSON.stringify(char)} at position ${i + 1} is not allowed${hint}: use 0-9 and A-Z without I, O, Z, S, V`;
    }
  }
  if (!registrationAuthorities.includes(code.charAt(0))) {
    return `credit code registration authority (position 1) must be one of ${[...registrationAuthorities].join(' ')}, got ${JSON.stringify(code.charAt(0))}`;
  }
  if (!/^[1-9]$/.test(code.charAt(1))) {
    return `credit code institution category (position 2) must be a digit 1-9, got ${JSON.stringify(code.charAt(1))}`;
  }
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) {
    return `credit code region (positions 3-8) must be a 6-digit GB/T 2260 code, got ${JSON.stringify(code.slice(2, 8))}`;
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code.charAt(17) !== expected) {
    return `credit code check character (position 18) is wrong: expected ${expected}, got ${code.charAt(17)}`;
  }
  return undefined;
}

// Structure only; the check character needs arithmetic, done by the refinement below. The
// pattern is what the published JSON Schema shows.
const structure = /^[1-9ANY][1-9][0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}$/;

/** An enterprise's 18-character Unified Social Credit Code (GB 32100-2015), upper case. */
export const creditCode = z
  .string()
  .regex(structure, { error: (issue) => creditCodeProblem(String(issue.input)), abort: true })
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, input: code });
  })
  .describe(
    'Unified Social Credit Code (统一社会信用代码, GB 32100-2015): 18 characters, the last a check character',
  );
