/**
 * Relief methods against an independent Python implementation (decimal module, datetime):
 * scripts/fixtures/tax-lots/relief-methods.py -> test/fixtures/tax-lots/relief-methods.json.
 * Wash sales are off here (the Python reference does not model them); exact string equality.
 */
import { describe, expect, it } from 'vitest';
import { buildLedger, type TaxTransaction } from '../../src/tax-lots/index.ts';
import { loadFixture } from '../helpers.ts';
import { lotTable } from './helpers.ts';

interface Expected {
  realizations: [string, string, string, string, string, string][];
  lots: [string, string, string][];
}
interface Case {
  transactions: TaxTransaction[];
  fifo: Expected;
  lifo: Expected;
  hifo: Expected;
  'lowest-cost': Expected;
}
const { cases } = loadFixture<{ cases: Case[] }>('tax-lots/relief-methods.json');

describe('relief methods vs the Python reference', () => {
  for (const method of ['fifo', 'lifo', 'hifo', 'lowest-cost'] as const) {
    it(`${method}: every realisation and open lot, exactly (${cases.length} seeded cases, incl. leap-day holding periods)`, () => {
      for (const [k, c] of cases.entries()) {
        const l = buildLedger(c.transactions, { method, washSales: false });
        const rows = l.realizations.map((r) => [r.lotId, r.quantity.decimal, r.proceeds.decimal, r.basis.decimal, r.gain.decimal, r.term]);
        expect(rows, `case ${k}`).toEqual(c[method].realizations);
        expect(lotTable(l), `case ${k}`).toEqual(c[method].lots);
      }
    });
  }
});
