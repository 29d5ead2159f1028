// The credit code field's message as the user types. The rules of the code itself (alphabet,
// weights, the check character) are the contracts' — the same function the services validate with.
import { creditCodeAlphabet, creditCodeCheckChar } from '@zone-risk/contracts/credit-code';

export type CreditCodeCheck =
  | { state: 'empty' }
  | { state: 'typing'; remaining: number }
  | { state: 'bad-character'; position: number; character: string }
  | { state: 'too-long' }
  | { state: 'bad-check'; expected: string }
  | { state: 'valid' };

/**
 * What a partly typed code amounts to: a character outside the alphabet (I, O, Z, S, V are not in
 * it) is named at once, the check character once all 18 are there. Lower case counts as upper.
 */
export function checkCreditCode(typed: string): CreditCodeCheck {
  const code = typed.trim().toUpperCase();
  if (code === '') return { state: 'empty' };
  for (let i = 0; i < code.length; i++) {
    const character = code.charAt(i);
    if (!creditCodeAlphabet.includes(character))
      return { state: 'bad-character', position: i + 1, character };
  }
  if (code.length < 18) return { state: 'typing', remaining: 18 - code.length };
  if (code.length > 18) return { state: 'too-long' };
  const expected = creditCodeCheckChar(code.slice(0, 17));
  return code.charAt(17) === expected ? { state: 'valid' } : { state: 'bad-check', expected };
}
